"""Fire times of five-field crons, computed by croniter (the library Airflow's cron timetables use).

One line in, one line out, so one Python process serves every pair:
  in:  id TAB cron TAB IANA-zone TAB start-instant (ISO-8601, Z) TAB count
  out: id TAB ok TAB instant,instant,...   (the next `count` fire times strictly after start, in UTC)
       id TAB error TAB croniter's message
The start is given to croniter as an aware datetime in the zone, as Airflow does, so croniter itself
decides what a wall-clock time means across a daylight-saving change.
"""
import sys
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

from croniter import croniter

for line in sys.stdin:
    line = line.rstrip("\n")
    if not line:
        continue
    ident, expression, zone, start, count = line.split("\t")
    try:
        begin = datetime.fromisoformat(start.replace("Z", "+00:00")).astimezone(ZoneInfo(zone))
        runs = croniter(expression, begin, max_years_between_matches=60)
        times = [runs.get_next(datetime).astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ") for _ in range(int(count))]
        print(f"{ident}\tok\t{','.join(times)}")
    except Exception as error:  # noqa: BLE001 - every failure is an answer for the comparison
        print(f"{ident}\terror\t{type(error).__name__}: {str(error).replace(chr(9), ' ').replace(chr(10), ' ')}")
