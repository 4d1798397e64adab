package io.mortar.server.schedule;

import com.cronutils.model.Cron;
import com.cronutils.model.definition.CronConstraintsFactory;
import com.cronutils.model.definition.CronDefinition;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.field.CronFieldName;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.model.time.generator.FieldValueGeneratorFactory;
import com.cronutils.parser.CronParser;
import io.mortar.model.GlueException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A Glue schedule, {@code cron(Minutes Hours Day-of-month Month Day-of-week Year)}, always in UTC, as crawlers and
 * triggers take it (the CloudWatch Events dialect, Quartz's without the seconds).
 *
 * <p>{@link GlueCronSyntax} checks the text against Glue's grammar; cron-utils, with a definition of Glue's fields,
 * gives it its meaning and finds the firings. One exception: {@code nW} (the weekday nearest day n, within the
 * month). cron-utils 9.2.1 resolves it wrongly at the end of a month (it fires on a Sunday 31st, and throws
 * "Invalid date 'FEBRUARY 31'" for {@code 31W} as soon as a shorter month comes), and Quartz 2.5.2 misses firings
 * on the day it moves to. So cron-utils is asked for the days around n, and this class keeps the one that is the
 * nearest weekday. A schedule firing more often than every 5 minutes is refused, as Glue does, unless the caller
 * allows a shorter interval (triggers may fire every minute in Mortar).
 */
public final class CronSchedule {
    private static final int MIN_INTERVAL_MINUTES = 5;
    /** Glue's six fields; day of week 1 = SUN; ranges may not run backwards (Quartz would wrap them). */
    private static final CronDefinition GLUE_CRON = CronDefinitionBuilder.defineCron()
            .withMinutes().withStrictRange().and()
            .withHours().withStrictRange().and()
            .withDayOfMonth().supportsL().supportsW().supportsLW().supportsQuestionMark().withStrictRange().and()
            .withMonth().withStrictRange().and()
            .withDayOfWeek().withValidRange(1, 7).withMondayDoWValue(2).supportsL().supportsHash()
            .supportsQuestionMark().withStrictRange().and()
            .withYear().withValidRange(GlueCronSyntax.MIN_YEAR, GlueCronSyntax.MAX_YEAR).withStrictRange().and()
            .withCronValidation(CronConstraintsFactory.ensureEitherDayOfWeekOrDayOfMonth())
            .instance();
    private static final CronParser PARSER = new CronParser(GLUE_CRON);

    private final String expression;
    private final ExecutionTime firings;
    /** n of a Day-of-month {@code nW}, or -1. */
    private final int nearestWeekdayTo;

    private CronSchedule(String expression, ExecutionTime firings, int nearestWeekdayTo) {
        this.expression = expression;
        this.firings = firings;
        this.nearestWeekdayTo = nearestWeekdayTo;
    }

    /** Parses {@code cron(...)}; an InvalidInputException naming {@code field} and the problem otherwise. */
    public static CronSchedule parse(String field, String expression) {
        return parse(field, expression, MIN_INTERVAL_MINUTES);
    }

    /**
     * Parses {@code cron(...)} allowing firings {@code minIntervalMinutes} apart (1: every minute); an
     * InvalidInputException naming {@code field} and the problem otherwise.
     */
    public static CronSchedule parse(String field, String expression, int minIntervalMinutes) {
        if (expression == null || expression.isBlank()) {
            throw invalid(field, expression, "it is empty");
        }
        String text = expression.trim();
        if (!text.startsWith("cron(") || !text.endsWith(")")) {
            throw invalid(field, expression, "it must have the form cron(Minutes Hours Day-of-month Month Day-of-week"
                    + " Year)");
        }
        String[] parts = text.substring(5, text.length() - 1).trim().split("\\s+");
        if (parts.length != 6) {
            throw invalid(field, expression, "it has " + parts.length + " fields; it needs 6 (Minutes Hours"
                    + " Day-of-month Month Day-of-week Year)");
        }
        try {
            GlueCronSyntax.check(parts);
            int nearestWeekdayTo = GlueCronSyntax.nearestWeekdayDay(parts[2]);
            if (nearestWeekdayTo > 0) {
                // Every day nW can land on: n-2 (n is a Sunday ending the month) … n+2 (n = 1 is a Saturday).
                parts[2] = Math.max(1, nearestWeekdayTo - 2) + "-" + Math.min(31, nearestWeekdayTo + 2);
            }
            Cron cron = PARSER.parse(String.join(" ", parts).toUpperCase(Locale.ROOT));
            checkInterval(values(cron, CronFieldName.MINUTE, 59), values(cron, CronFieldName.HOUR, 23),
                    minIntervalMinutes);
            return new CronSchedule(text, ExecutionTime.forCron(cron), nearestWeekdayTo);
        } catch (IllegalArgumentException e) {
            throw invalid(field, expression, e.getMessage());
        }
    }

    public String expression() {
        return expression;
    }

    /**
     * The first time the schedule fires strictly after {@code after}, or empty when its years are over. cron-utils
     * looks a century ahead at most: a firing further away is found once it comes within that.
     */
    public Optional<Instant> nextAfter(Instant after) {
        ZonedDateTime from = after.atZone(ZoneOffset.UTC);
        while (true) {
            Optional<ZonedDateTime> next = firings.nextExecution(from);
            if (next.isEmpty() || nearestWeekdayTo < 0 || isNearestWeekday(next.get().toLocalDate())) {
                return next.map(ZonedDateTime::toInstant);
            }
            // A day near n that is not the nearest weekday: on to the last minute of that day.
            from = next.get().toLocalDate().atTime(23, 59, 59).atZone(ZoneOffset.UTC);
        }
    }

    @Override
    public String toString() {
        return expression;
    }

    /** Whether {@code date} is the weekday nearest day n of its month, without leaving the month (Quartz's rule). */
    private boolean isNearestWeekday(LocalDate date) {
        YearMonth month = YearMonth.from(date);
        if (nearestWeekdayTo > month.lengthOfMonth()) {
            return false;
        }
        LocalDate target = month.atDay(nearestWeekdayTo);
        LocalDate weekday = switch (target.getDayOfWeek()) {
            case SATURDAY -> target.getDayOfMonth() == 1 ? target.plusDays(2) : target.minusDays(1);
            case SUNDAY -> target.getDayOfMonth() == month.lengthOfMonth() ? target.minusDays(2) : target.plusDays(1);
            default -> target;
        };
        return date.equals(weekday);
    }

    /** The values a field selects, in order. */
    private static List<Integer> values(Cron cron, CronFieldName field, int max) {
        return FieldValueGeneratorFactory.forCronField(cron.retrieve(field)).generateCandidates(0, max).stream()
                .sorted().distinct().toList();
    }

    /**
     * Two firings less than 5 minutes apart within an hour, or across the hour when two consecutive hours are
     * selected (the day fields cannot make two firings closer than that).
     */
    private static void checkInterval(List<Integer> minutes, List<Integer> hours, int minInterval) {
        for (int i = 1; i < minutes.size(); i++) {
            if (minutes.get(i) - minutes.get(i - 1) < minInterval) {
                throw tooOften(minutes.get(i - 1), minutes.get(i), minInterval);
            }
        }
        int first = minutes.get(0);
        int last = minutes.get(minutes.size() - 1);
        boolean consecutiveHours = hours.stream().anyMatch(h -> hours.contains((h + 1) % 24));
        if (consecutiveHours && 60 - last + first < minInterval) {
            throw tooOften(last, first, minInterval);
        }
    }

    private static IllegalArgumentException tooOften(int a, int b, int minInterval) {
        return new IllegalArgumentException("it fires at minutes " + a + " and " + b + ", less than "
                + minInterval + " minutes apart; the shortest interval is " + minInterval + " minutes");
    }

    private static GlueException invalid(String field, String expression, String reason) {
        return GlueException.invalidInput("%s '%s' is not a valid schedule: %s.", field, expression, reason);
    }
}
