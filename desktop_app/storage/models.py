"""The data model: what a timing sheet says, stored as typed SQLAlchemy 2.0 rows.

Store what the sheet says and derive the rest: positions in class, official order and
position changes are computed in ``desktop_app.domain.classification``; a result keeps both
provisional and official positions because reporters quote both.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Column,
    Enum,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from desktop_app.domain.classification import PenaltyKind, Status
from desktop_app.domain.sessions import Coverage, ResultState, SessionKind
from desktop_app.storage.types import UtcDateTime

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def _enum(
    kind: type[Status] | type[PenaltyKind] | type[SessionKind] | type[ResultState] | type[Coverage],
) -> Enum:
    """Store enums by value as plain text, so the file stays readable without RaceDesk."""
    return Enum(
        kind,
        native_enum=False,
        create_constraint=False,
        length=20,
        values_callable=lambda members: [m.value for m in members],
    )


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {dt.datetime: UtcDateTime}


driver_tags = Table(
    "driver_tags",
    Base.metadata,
    Column("driver_id", ForeignKey("drivers.id", ondelete="CASCADE"), primary_key=True),
    Column("tag_id", ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True),
)

entry_tags = Table(
    "entry_tags",
    Base.metadata,
    Column("entry_id", ForeignKey("entries.id", ondelete="CASCADE"), primary_key=True),
    Column("tag_id", ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True),
)


class Series(Base):
    """A championship: IMSA WeatherTech, Michelin Pilot Challenge, Mazda MX-5 Cup..."""

    __tablename__ = "series"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    classes: Mapped[list[RaceClass]] = relationship(
        back_populates="series", order_by="RaceClass.sort_order", cascade="all, delete-orphan"
    )


class RaceClass(Base):
    """A class within a series (GTD, GTD PRO, LMP3, GSX, TCR...)."""

    __tablename__ = "classes"
    __table_args__ = (UniqueConstraint("series_id", "code"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    series_id: Mapped[int] = mapped_column(ForeignKey("series.id", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(200))
    sort_order: Mapped[int] = mapped_column(default=0)
    series: Mapped[Series] = relationship(back_populates="classes")
    aliases: Mapped[list[ClassAlias]] = relationship(
        back_populates="race_class", cascade="all, delete-orphan"
    )


class ClassAlias(Base):
    """Another spelling timing files use for a class (``GTDPRO`` for ``GTD PRO``, ``GS``)."""

    __tablename__ = "class_aliases"
    __table_args__ = (UniqueConstraint("class_id", "alias"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    class_id: Mapped[int] = mapped_column(ForeignKey("classes.id", ondelete="CASCADE"))
    alias: Mapped[str] = mapped_column(String(40))
    race_class: Mapped[RaceClass] = relationship(back_populates="aliases")


class Event(Base):
    """A race weekend at one circuit, shown in its own time zone."""

    __tablename__ = "events"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    circuit: Mapped[str] = mapped_column(String(200), default="")
    start_date: Mapped[dt.date | None]
    end_date: Mapped[dt.date | None]
    time_zone: Mapped[str] = mapped_column(String(64), default="UTC")
    sessions: Mapped[list[RaceSession]] = relationship(
        back_populates="event",
        order_by="(RaceSession.sort_order, RaceSession.id)",
        cascade="all, delete-orphan",
    )
    broadcasts: Mapped[list[BroadcastSlot]] = relationship(
        back_populates="event", order_by="BroadcastSlot.starts_at", cascade="all, delete-orphan"
    )
    entries: Mapped[list[Entry]] = relationship(
        back_populates="event", cascade="all, delete-orphan"
    )


class RaceSession(Base):
    """Practice, qualifying, race or warm-up of one series at an event."""

    __tablename__ = "sessions"
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    series_id: Mapped[int] = mapped_column(ForeignKey("series.id", ondelete="RESTRICT"))
    kind: Mapped[SessionKind] = mapped_column(_enum(SessionKind))
    name: Mapped[str] = mapped_column(String(200))
    starts_at: Mapped[dt.datetime | None]
    ends_at: Mapped[dt.datetime | None]
    result_state: Mapped[ResultState] = mapped_column(_enum(ResultState), default=ResultState.NONE)
    notes: Mapped[str] = mapped_column(Text, default="")
    sort_order: Mapped[int] = mapped_column(default=0)
    # Classes that ran apart in qualifying, ``GTP | LMP2 | GTD PRO, GTD``; empty = one field.
    qualifying_groups: Mapped[str] = mapped_column(Text, default="")
    # Where the groups came from: "" (none), "laps" (found from the lap chart), "reporter".
    groups_source: Mapped[str] = mapped_column(String(20), default="")
    event: Mapped[Event] = relationship(back_populates="sessions")
    series: Mapped[Series] = relationship()
    results: Mapped[list[Result]] = relationship(
        back_populates="session", order_by="Result.sort_order", cascade="all, delete-orphan"
    )


class BroadcastSlot(Base):
    """Where and when a session can be watched (``IMSA.tv``, ``REV TV``)."""

    __tablename__ = "broadcast_slots"
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    session_id: Mapped[int | None] = mapped_column(ForeignKey("sessions.id", ondelete="SET NULL"))
    title: Mapped[str] = mapped_column(String(200))
    outlet: Mapped[str] = mapped_column(String(200))
    starts_at: Mapped[dt.datetime]
    ends_at: Mapped[dt.datetime | None]
    coverage: Mapped[Coverage] = mapped_column(_enum(Coverage), default=Coverage.LIVE)
    event: Mapped[Event] = relationship(back_populates="broadcasts")
    session: Mapped[RaceSession | None] = relationship()


class Tag(Base):
    """A label for the focus group (``Canadian``) on drivers and entries."""

    __tablename__ = "tags"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)


class Driver(Base):
    """A person; the same driver across events so focus tags carry over."""

    __tablename__ = "drivers"
    id: Mapped[int] = mapped_column(primary_key=True)
    first_name: Mapped[str] = mapped_column(String(100), default="")
    last_name: Mapped[str] = mapped_column(String(100), index=True)
    display_name: Mapped[str] = mapped_column(String(200), default="")
    country: Mapped[str] = mapped_column(String(3), default="")
    hometown_city: Mapped[str] = mapped_column(String(100), default="")
    hometown_region: Mapped[str] = mapped_column(String(100), default="")
    tags: Mapped[list[Tag]] = relationship(secondary=driver_tags, order_by="Tag.name")
    official_ids: Mapped[list[DriverOfficialId]] = relationship(
        back_populates="driver", cascade="all, delete-orphan"
    )

    @property
    def full_name(self) -> str:
        """What articles print: the display name when set, else first and last name."""
        if self.display_name:
            return self.display_name
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def hometown(self) -> str:
        """``Trenton, ON``; empty when unknown."""
        return ", ".join(part for part in (self.hometown_city, self.hometown_region) if part)


class DriverOfficialId(Base):
    """A timing provider's own id for a driver (``imsa`` ``1083``): the surest match."""

    __tablename__ = "driver_official_ids"
    __table_args__ = (UniqueConstraint("provider", "official_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    driver_id: Mapped[int] = mapped_column(ForeignKey("drivers.id", ondelete="CASCADE"), index=True)
    provider: Mapped[str] = mapped_column(String(40))
    official_id: Mapped[str] = mapped_column(String(80))
    driver: Mapped[Driver] = relationship(back_populates="official_ids")


class Team(Base):
    __tablename__ = "teams"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)


class Entry(Base):
    """A car at an event: number (text: ``01`` is not ``1``), class, team, drivers."""

    __tablename__ = "entries"
    __table_args__ = (UniqueConstraint("event_id", "series_id", "car_number"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    series_id: Mapped[int] = mapped_column(ForeignKey("series.id", ondelete="RESTRICT"))
    class_id: Mapped[int | None] = mapped_column(ForeignKey("classes.id", ondelete="SET NULL"))
    car_number: Mapped[str | None] = mapped_column(String(10))
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id", ondelete="SET NULL"))
    vehicle: Mapped[str] = mapped_column(String(200), default="")
    event: Mapped[Event] = relationship(back_populates="entries")
    series: Mapped[Series] = relationship()
    race_class: Mapped[RaceClass | None] = relationship()
    team: Mapped[Team | None] = relationship()
    seats: Mapped[list[EntryDriver]] = relationship(
        back_populates="entry", order_by="EntryDriver.seat", cascade="all, delete-orphan"
    )
    tags: Mapped[list[Tag]] = relationship(secondary=entry_tags, order_by="Tag.name")

    @property
    def drivers(self) -> list[Driver]:
        return [seat.driver for seat in self.seats]


class EntryDriver(Base):
    """A driver in an entry, in seat order (1 = first listed)."""

    __tablename__ = "entry_drivers"
    __table_args__ = (UniqueConstraint("entry_id", "seat"),)
    entry_id: Mapped[int] = mapped_column(
        ForeignKey("entries.id", ondelete="CASCADE"), primary_key=True
    )
    driver_id: Mapped[int] = mapped_column(
        ForeignKey("drivers.id", ondelete="RESTRICT"), primary_key=True
    )
    seat: Mapped[int] = mapped_column(Integer)
    entry: Mapped[Entry] = relationship(back_populates="seats")
    driver: Mapped[Driver] = relationship()


class Result(Base):
    """One car's line on a session's classification.

    ``position``/``class_position`` are the provisional (as keyed or imported) positions;
    ``official_*`` are set when the session is made official. Times and gaps are integer
    milliseconds; a gap of whole laps lives in ``gap_first_laps``.
    """

    __tablename__ = "results"
    __table_args__ = (UniqueConstraint("session_id", "entry_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("sessions.id", ondelete="CASCADE"), index=True
    )
    entry_id: Mapped[int] = mapped_column(ForeignKey("entries.id", ondelete="CASCADE"), index=True)
    sort_order: Mapped[int] = mapped_column(default=0)
    status: Mapped[Status] = mapped_column(_enum(Status), default=Status.CLASSIFIED)
    position: Mapped[int | None]
    class_position: Mapped[int | None]
    official_position: Mapped[int | None]
    official_class_position: Mapped[int | None]
    laps: Mapped[int | None]
    total_time_ms: Mapped[int | None]
    gap_first_ms: Mapped[int | None]
    gap_first_laps: Mapped[int | None]
    gap_previous_ms: Mapped[int | None]
    gap_previous_laps: Mapped[int | None]
    best_lap_ms: Mapped[int | None]
    best_lap_number: Mapped[int | None]
    grid_position: Mapped[int | None]
    qualifying_driver_id: Mapped[int | None] = mapped_column(
        ForeignKey("drivers.id", ondelete="SET NULL")
    )
    note: Mapped[str] = mapped_column(Text, default="")
    session: Mapped[RaceSession] = relationship(back_populates="results")
    entry: Mapped[Entry] = relationship()
    qualifying_driver: Mapped[Driver | None] = relationship()
    penalties: Mapped[list[Penalty]] = relationship(
        back_populates="result", order_by="Penalty.id", cascade="all, delete-orphan"
    )


class Penalty(Base):
    """A penalty on a result; post-session ones change the official order."""

    __tablename__ = "penalties"
    id: Mapped[int] = mapped_column(primary_key=True)
    result_id: Mapped[int] = mapped_column(ForeignKey("results.id", ondelete="CASCADE"), index=True)
    kind: Mapped[PenaltyKind] = mapped_column(_enum(PenaltyKind))
    amount_ms: Mapped[int | None]
    positions: Mapped[int | None]
    reason: Mapped[str] = mapped_column(Text, default="")
    post_session: Mapped[bool] = mapped_column(default=True)
    result: Mapped[Result] = relationship(back_populates="penalties")


class ChangeRecord(Base):
    """One line of the change history: what a user action changed, old and new values."""

    __tablename__ = "change_log"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime]
    action: Mapped[str] = mapped_column(String(100))
    table_name: Mapped[str] = mapped_column(String(40))
    row_id: Mapped[int | None]
    old: Mapped[str] = mapped_column(Text, default="")
    new: Mapped[str] = mapped_column(Text, default="")


class CrewSeat(Base):
    """A driver of an entry in one session, in seat order: that session's line-up.

    Files differ from session to session; a later file never rewrites an earlier
    session's crew. A session without crew rows falls back to the entry's seats.
    """

    __tablename__ = "session_crews"
    session_id: Mapped[int] = mapped_column(
        ForeignKey("sessions.id", ondelete="CASCADE"), primary_key=True
    )
    entry_id: Mapped[int] = mapped_column(
        ForeignKey("entries.id", ondelete="CASCADE"), primary_key=True
    )
    seat: Mapped[int] = mapped_column(Integer, primary_key=True)
    driver_id: Mapped[int] = mapped_column(
        ForeignKey("drivers.id", ondelete="RESTRICT"), index=True
    )
    driver: Mapped[Driver] = relationship()


class Lap(Base):
    """One lap of one car from a lap chart, as the file says it.

    Times are integer ms; ``time_of_day_ms`` is ms after local midnight of the session's
    day (the file's ``HOUR``), ``elapsed_ms`` ms since the session's start.
    ``flag`` is the flag at the line: ``GF``, ``FCY``, ``SF``, ``RF``, ``FF``.
    """

    __tablename__ = "laps"
    # the unique index leads with session_id: it serves lookups by session (no second index,
    # which cost every lap written; migration 0004)
    __table_args__ = (UniqueConstraint("session_id", "entry_id", "lap_number"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("sessions.id", ondelete="CASCADE"))
    entry_id: Mapped[int] = mapped_column(ForeignKey("entries.id", ondelete="CASCADE"))
    lap_number: Mapped[int]
    time_ms: Mapped[int | None]
    driver_id: Mapped[int | None] = mapped_column(ForeignKey("drivers.id", ondelete="SET NULL"))
    driver_number: Mapped[int | None]
    pit_in: Mapped[bool] = mapped_column(default=False)
    pit_time_ms: Mapped[int | None]
    flag: Mapped[str] = mapped_column(String(8), default="")
    time_of_day_ms: Mapped[int | None]
    elapsed_ms: Mapped[int | None]
    s1_ms: Mapped[int | None]
    s2_ms: Mapped[int | None]
    s3_ms: Mapped[int | None]
    kph: Mapped[float | None]
    top_speed_kph: Mapped[float | None]


class WeatherSample(Base):
    """One line of a session's weather file, in metric units (°C, km/h, hPa)."""

    __tablename__ = "weather_samples"
    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("sessions.id", ondelete="CASCADE"), index=True
    )
    at: Mapped[dt.datetime]
    air_temp_c: Mapped[float | None]
    track_temp_c: Mapped[float | None]
    humidity_pct: Mapped[float | None]
    pressure_hpa: Mapped[float | None]
    wind_speed_kph: Mapped[float | None]
    wind_direction_deg: Mapped[int | None]
    rain: Mapped[bool | None]


class ImportedFileRecord(Base):
    """A timing file applied to a session (content hash), so a re-import is a no-op."""

    __tablename__ = "imported_files"
    __table_args__ = (UniqueConstraint("session_id", "sha256"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("sessions.id", ondelete="CASCADE"), index=True
    )
    file_name: Mapped[str] = mapped_column(String(300))
    sha256: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(20))
    imported_at: Mapped[dt.datetime]
