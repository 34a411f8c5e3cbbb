package orchc;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import java.util.TimeZone;
import org.quartz.CronExpression;

/**
 * Fire times of Quartz cron expressions, computed by Quartz's own CronExpression (what a CronTrigger
 * asks for its next fire time). One line in, one line out, so one JVM serves every pair:
 *
 *   in:  id TAB quartz-expression TAB IANA-zone TAB start-instant (ISO-8601) TAB count
 *   out: id TAB ok TAB instant,instant,...     (the next `count` fire times strictly after start)
 *        id TAB error TAB Quartz's message     (Quartz refused the expression)
 */
public final class QuartzFireTimes {
  public static void main(String[] args) throws Exception {
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    PrintWriter out = new PrintWriter(System.out, false, StandardCharsets.UTF_8);
    String line;
    while ((line = in.readLine()) != null) {
      if (line.isEmpty()) continue;
      String[] parts = line.split("\t", -1);
      String id = parts[0];
      try {
        CronExpression cron = new CronExpression(parts[1]);
        // TimeZone.getTimeZone falls back to GMT for a name it does not know; ZoneId refuses it.
        cron.setTimeZone(TimeZone.getTimeZone(ZoneId.of(parts[2])));
        Date after = Date.from(Instant.parse(parts[3]));
        int count = Integer.parseInt(parts[4]);
        StringBuilder times = new StringBuilder();
        for (int index = 0; index < count; index++) {
          after = cron.getNextValidTimeAfter(after);
          if (after == null) break;
          if (index > 0) times.append(',');
          times.append(after.toInstant().toString());
        }
        out.println(id + "\tok\t" + times);
      } catch (Exception error) {
        out.println(id + "\terror\t" + String.valueOf(error.getMessage()).replace('\t', ' ').replace('\n', ' '));
      }
    }
    out.flush();
  }
}
