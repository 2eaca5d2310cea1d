"""Golden tests: each preset, run on the demo weekend, writes the article's lines.

The article's typos are corrected (GSX not GXS, Marco Kacic not Marco Stacic, Multimatic
not Mutimatic, McLaren throughout). Where the article's wording varies from line to line,
the preset settles on one form, and the expected text below is that form, literally.
"""

from __future__ import annotations

from summary_weekend import DemoWeekend

from desktop_app.services.summaries import OutputFormat, summarise


def test_entry_list_groups_the_canadians_under_class_headings(weekend: DemoWeekend) -> None:
    assert weekend.text("entry-list", series="VPSCC") == (
        "LMP3\n"
        "#61 George Staikos - Ave Motorsports - Ligier JS P320\n"
        "#87 Marco Kacic - FastMD Racing with Remstar - Duqueine D08\n"
        "Grand Sport\n"
        "#21 Jesse Lazare - Motorsports in Action - McLaren Artura GT4"
    )


def test_entry_list_of_a_class_lists_tagged_entries_without_drivers(weekend: DemoWeekend) -> None:
    assert weekend.text("entry-list", class_code="GTDPRO") == (
        "GTD Pro\n#64 Multimatic - Ford Mustang\n#65 Multimatic - Ford Mustang"
    )


def test_practice_second_fastest_and_the_gap_to_the_top(weekend: DemoWeekend) -> None:
    assert weekend.text("practice", session="VPSCC Practice 2") == (
        "In VP Racing SportsCar Challenge Practice 2 at Daytona International Speedway, "
        "Jesse Lazare went second fastest on the session in the #21 Motorsports in Action "
        "McLaren Artura GT4 and was just 0.150 off the top spot."
    )


def test_practice_laps_only_and_class_positions_with_co_drivers(weekend: DemoWeekend) -> None:
    assert weekend.text("practice", session="VPSCC Practice 1") == (
        "In VP Racing SportsCar Challenge Practice 1 at Daytona International Speedway, "
        "Jesse Lazare turned six laps in the #21 Motorsports in Action McLaren Artura GT4."
    )
    assert weekend.text("practice", session="IMPC Practice 2") == (
        "In Michelin Pilot Challenge Practice 2 at Daytona International Speedway, "
        "LP Montour (w/Brian Ortiz) went second fastest in TCR in the #6 Montreal Motorsports "
        "Group Honda Civic. Karl Wittmer (w/Dai Yoshihira) went fourth fastest in TCR in the "
        "#93 Montreal Motorsports Group Honda Civic. Robert Wickens went sixth fastest in TCR "
        "in the #33 Bryan Herta Autosport Hyundai Elantra. Denis Dupont went eighth fastest in "
        "TCR in the #76 Bryan Herta Autosport Hyundai Elantra. Mark Wilkins went tenth fastest "
        "in TCR in the #98 Bryan Herta Autosport Hyundai Elantra."
    )


def test_grid_inside_row_five_with_hometowns(weekend: DemoWeekend) -> None:
    assert weekend.text("grid", session="VPSCC Qualifying") == (
        "VP Racing SportsCar Challenge Qualifying at Daytona International Speedway saw the "
        "LMP3 of George Staikos (Trenton, ON) starting inside row five in the #61 Ave "
        "Motorsports Ligier JS P320, while in GSX, Jesse Lazare (Montreal, QC) will start "
        "from inside row six in the #21 Motorsports in Action McLaren Artura GT4."
    )


def test_qualifying_list_marks_the_qualifying_driver(weekend: DemoWeekend) -> None:
    assert weekend.text("qualifying", session="IWSC Qualifying") == (
        "P1 GTD / P3 overall - Parker Thompson Q - #12 Vasser Sullivan Lexus\n"
        "P4 GTD / P6 overall - Kyle Marcelli Q - #45 Wayne Taylor Racing with Andretti "
        "Lamborghini Huracan GT3\n"
        "P5 GTD / P7 overall - Goikhberg / De Francesco - #78 Forte Racing "
        "Lamborghini Huracan GT3\n"
        "P9 GTD / P15 overall - Anthony Mantell - #17 AWA Corvette\n"
        "P14 GTD / P24 overall - Orey Fidani - #13 AWA Corvette\n"
        "P9 GTD PRO / P26 overall - #65 Multimatic Ford Mustang\n"
        "P13 GTD PRO / P41 overall - #64 Multimatic Ford Mustang\n"
        "P17 GTD / P43 overall - Morad - #57 Winward Racing Mercedes\n"
        "P18 GTD / P44 overall - Mikael Grenier Q - #32 Korthoff/Preston Motorsports Mercedes\n"
        "P22 GTD / P48 overall - Roman DeAngelis Q / Robichon - #27 Heart of Racing Aston Martin\n"
        "P13 LMP2 - John Farano - #8 Tower Motorsports Oreca\n"
        "(Q = qualifying driver)"
    )


def test_race_by_class(weekend: DemoWeekend) -> None:
    assert weekend.text("race", session="VPSCC Race 1") == (
        "Race 1 in the VP Racing SportsCar Challenge saw Marco Kacic finishing P4 in LMP3, "
        "George Staikos was P8 in LMP3, while Jesse Lazare finished P13 in GSX."
    )


def test_race_with_the_post_race_penalty_against_ware(weekend: DemoWeekend) -> None:
    assert weekend.text("race", session="VPSCC Race 2") == (
        "Race 2 in the VP Racing SportsCar Challenge saw Marco Kacic finishing P3 in LMP3, "
        "while Jesse Lazare finished P4 in GSX. George Staikos finished P8 in LMP3 but would "
        "be elevated to P7 following a post-race penalty against the second-place finisher "
        "(Ware)."
    )


def test_broadcast_schedule_in_the_event_time_zone(weekend: DemoWeekend) -> None:
    assert weekend.text("broadcast", event="rolex") == (
        "2024 Rolex 24 at Daytona Broadcast Schedule\n"
        "Thurs Jan 25 - 4:10pm - 5:00pm - Mazda MX5 Cup Race 1 (IMSA.tv)\n"
        "Fri Jan 26 - 10:10am - 11:00am - Mazda MX5 Cup Race 2 (IMSA.tv)\n"
        "Fri Jan 26 - 1:40pm - 5:45pm - Michelin Pilot Challenge Race (IMSA.tv)\n"
        "Sat Jan 27 - 1:30pm - Rolex 24 at Daytona (IMSA.tv and REV TV)"
    )


def test_session_notes_red_flag_and_the_car_with_two_laps(weekend: DemoWeekend) -> None:
    assert weekend.text("session-notes", session="IWSC Qualifying") == (
        "Rolex 24 at Daytona qualifying. The GTD Pro/GTD session was shortened by a red flag; "
        "the cars had just under eight minutes to qualify. LMP2 results unofficial.\n"
        "#27 Heart of Racing Aston Martin - Early problems; completed only 2 laps."
    )


def test_weekend_runs_every_session_in_order(weekend: DemoWeekend) -> None:
    assert weekend.text("weekend", series="VPSCC") == (
        "LMP3\n"
        "#61 George Staikos - Ave Motorsports - Ligier JS P320\n"
        "#87 Marco Kacic - FastMD Racing with Remstar - Duqueine D08\n"
        "Grand Sport\n"
        "#21 Jesse Lazare - Motorsports in Action - McLaren Artura GT4\n"
        "\n"
        "VP Racing SportsCar Challenge Practice 1\n"
        "In VP Racing SportsCar Challenge Practice 1 at Daytona International Speedway, "
        "Jesse Lazare turned six laps in the #21 Motorsports in Action McLaren Artura GT4.\n"
        "\n"
        "VP Racing SportsCar Challenge Practice 2\n"
        "In VP Racing SportsCar Challenge Practice 2 at Daytona International Speedway, "
        "Jesse Lazare went second fastest on the session in the #21 Motorsports in Action "
        "McLaren Artura GT4 and was just 0.150 off the top spot.\n"
        "\n"
        "VP Racing SportsCar Challenge Qualifying\n"
        "VP Racing SportsCar Challenge Qualifying at Daytona International Speedway saw the "
        "LMP3 of George Staikos (Trenton, ON) starting inside row five in the #61 Ave "
        "Motorsports Ligier JS P320, while in GSX, Jesse Lazare (Montreal, QC) will start "
        "from inside row six in the #21 Motorsports in Action McLaren Artura GT4.\n"
        "Sets the grid for Race 1.\n"
        "\n"
        "VP Racing SportsCar Challenge Race 1\n"
        "Race 1 in the VP Racing SportsCar Challenge saw Marco Kacic finishing P4 in LMP3, "
        "George Staikos was P8 in LMP3, while Jesse Lazare finished P13 in GSX.\n"
        "\n"
        "VP Racing SportsCar Challenge Race 2\n"
        "Race 2 in the VP Racing SportsCar Challenge saw Marco Kacic finishing P3 in LMP3, "
        "while Jesse Lazare finished P4 in GSX. George Staikos finished P8 in LMP3 but would "
        "be elevated to P7 following a post-race penalty against the second-place finisher "
        "(Ware).\n"
        "A lengthy yellow set up a last-lap shootout.\n"
        "\n"
        "2024 Roar Before the 24 Broadcast Schedule\n"
        "Sat Jan 20 - 2:05pm - VP Racing SportsCar Challenge Race 1 (IMSA.tv)\n"
        "Sun Jan 21 - 12:20pm - VP Racing SportsCar Challenge Race 2 (IMSA.tv)"
    )


def test_markdown_makes_headings_bold_and_keeps_line_breaks(weekend: DemoWeekend) -> None:
    assert weekend.text("entry-list", series="VPSCC", fmt=OutputFormat.MARKDOWN) == (
        "**LMP3**  \n"
        "#61 George Staikos - Ave Motorsports - Ligier JS P320  \n"
        "#87 Marco Kacic - FastMD Racing with Remstar - Duqueine D08  \n"
        "**Grand Sport**  \n"
        "#21 Jesse Lazare - Motorsports in Action - McLaren Artura GT4"
    )


def test_html_paragraphs_and_bold_headings(weekend: DemoWeekend) -> None:
    assert weekend.text("broadcast", event="rolex", fmt=OutputFormat.HTML) == (
        "<p><strong>2024 Rolex 24 at Daytona Broadcast Schedule</strong><br>\n"
        "Thurs Jan 25 - 4:10pm - 5:00pm - Mazda MX5 Cup Race 1 (IMSA.tv)<br>\n"
        "Fri Jan 26 - 10:10am - 11:00am - Mazda MX5 Cup Race 2 (IMSA.tv)<br>\n"
        "Fri Jan 26 - 1:40pm - 5:45pm - Michelin Pilot Challenge Race (IMSA.tv)<br>\n"
        "Sat Jan 27 - 1:30pm - Rolex 24 at Daytona (IMSA.tv and REV TV)</p>"
    )


def test_the_article_typos_never_appear(weekend: DemoWeekend) -> None:
    text = weekend.text("weekend")
    for typo in ("GXS", "Stacic", "Mutimatic", "Mclaren"):
        assert typo not in text
    assert "Marco Kacic" in text and "Multimatic" in text and "McLaren" in text


def test_weekend_of_race_week_gives_session_times_and_the_schedule(weekend: DemoWeekend) -> None:
    assert weekend.text("weekend", event="rolex") == (
        "Michelin Pilot Challenge Qualifying\n"
        "Thurs Jan 25 - 1:15pm - 1:50pm\n"
        "No streaming available for qualifying.\n"
        "\n"
        "2024 Rolex 24 at Daytona Broadcast Schedule\n"
        "Thurs Jan 25 - 4:10pm - 5:00pm - Mazda MX5 Cup Race 1 (IMSA.tv)\n"
        "Fri Jan 26 - 10:10am - 11:00am - Mazda MX5 Cup Race 2 (IMSA.tv)\n"
        "Fri Jan 26 - 1:40pm - 5:45pm - Michelin Pilot Challenge Race (IMSA.tv)\n"
        "Sat Jan 27 - 1:30pm - Rolex 24 at Daytona (IMSA.tv and REV TV)"
    )


def test_weekend_of_one_session_is_that_session_and_its_broadcast(weekend: DemoWeekend) -> None:
    assert weekend.text("weekend", session="VPSCC Race 1") == (
        "VP Racing SportsCar Challenge Race 1\n"
        "Race 1 in the VP Racing SportsCar Challenge saw Marco Kacic finishing P4 in LMP3, "
        "George Staikos was P8 in LMP3, while Jesse Lazare finished P13 in GSX.\n"
        "\n"
        "2024 Roar Before the 24 Broadcast Schedule\n"
        "Sat Jan 20 - 2:05pm - VP Racing SportsCar Challenge Race 1 (IMSA.tv)"
    )


def test_one_position_style_per_summary_ordinal_from_preferences(weekend: DemoWeekend) -> None:
    """The article mixes P4 and 8th in one sentence; a summary keeps one style."""
    result = summarise(
        weekend.editor.database,
        weekend.selection(session="VPSCC Race 1"),
        preset="race",
        position_style="ordinal",
    )
    assert result.text == (
        "Race 1 in the VP Racing SportsCar Challenge saw Marco Kacic finishing 4th in LMP3, "
        "George Staikos was 8th in LMP3, while Jesse Lazare finished 13th in GSX."
    )


def test_auto_preset_follows_the_session_kind(weekend: DemoWeekend) -> None:
    assert weekend.text("auto", session="VPSCC Race 1") == weekend.text(
        "race", session="VPSCC Race 1"
    )
    assert weekend.text("auto", session="VPSCC Practice 2") == weekend.text(
        "practice", session="VPSCC Practice 2"
    )
    assert weekend.text("auto", session="VPSCC Qualifying") == weekend.text(
        "grid", session="VPSCC Qualifying"
    )
    assert weekend.text("auto", session="IWSC Qualifying") == weekend.text(
        "qualifying", session="IWSC Qualifying"
    )
    assert weekend.text("auto") == weekend.text("weekend")
