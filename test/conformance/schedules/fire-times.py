"""Fire times of five-field crons, by the engine named in argv[1]:

  croniter  croniter's get_next from an aware start in the zone (the library Airflow's cron
            timetables use), so croniter itself decides what a wall-clock time means at a DST change
  airflow   Airflow 3's CronTriggerTimetable, what a DAG with `schedule="<cron>"` and a start date in
            the schedule's zone runs on (what orchc's Airflow target writes)

One line in, one line out, so one process serves every question:
  in:  id TAB cron TAB IANA-zone TAB start-instant (ISO-8601, Z) TAB count
  out: id TAB ok TAB instant,instant,...   (the next `count` fire times strictly after start, in UTC)
       id TAB error TAB the engine's message
"""
import sys
import warnings
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

warnings.simplefilter("ignore")


def croniter_times(expression, zone, start, count):
    from croniter import croniter

    begin = datetime.fromisoformat(start.replace("Z", "+00:00")).astimezone(ZoneInfo(zone))
    runs = croniter(expression, begin, max_years_between_matches=60)
    return [runs.get_next(datetime) for _ in range(count)]


def airflow_times(expression, zone, start, count):
    import pendulum
    from airflow.timetables.base import TimeRestriction
    from airflow.timetables.trigger import CronTriggerTimetable

    timetable = CronTriggerTimetable(expression, timezone=zone)
    # `earliest` is inclusive; a second later asks for runs strictly after the start.
    restriction = TimeRestriction(earliest=pendulum.parse(start).add(seconds=1), latest=None, catchup=True)
    last, times = None, []
    for _ in range(count):
        info = timetable.next_dagrun_info(last_automated_data_interval=last, restriction=restriction)
        if info is None:
            break
        times.append(info.run_after)
        last = info.data_interval
    return times


engine = {"croniter": croniter_times, "airflow": airflow_times}[sys.argv[1]]
for line in sys.stdin:
    line = line.rstrip("\n")
    if not line:
        continue
    ident, expression, zone, start, count = line.split("\t")
    try:
        times = engine(expression, zone, start, int(count))
        print(f"{ident}\tok\t{','.join(time.astimezone(timezone.utc).strftime('%Y-%m-%dT%H:%M:%SZ') for time in times)}")
    except Exception as error:  # noqa: BLE001 - every failure is an answer for the comparison
        print(f"{ident}\terror\t{type(error).__name__}: {str(error).replace(chr(9), ' ').replace(chr(10), ' ')}")
