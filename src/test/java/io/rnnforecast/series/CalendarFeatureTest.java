package io.rnnforecast.series;

import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Calendar channels against dates worked out by hand. */
class CalendarFeatureTest {
    private static long at(int year, int month, int day, int hour) {
        return LocalDateTime.of(year, month, day, hour, 0).toEpochSecond(ZoneOffset.UTC);
    }

    @Test
    void phasesOfAKnownDate() {
        // Monday 4 March 2024, 15:00 UTC: ISO week 10
        long t = at(2024, 3, 4, 15);
        assertEquals(2 / 12.0, CalendarFeature.MONTH.phase(t), 0);
        assertEquals(0, CalendarFeature.DAY_OF_WEEK.phase(t), 0);
        assertEquals(15 / 24.0, CalendarFeature.HOUR.phase(t), 0);
        assertEquals(9 / (365.2425 / 7), CalendarFeature.WEEK_OF_YEAR.phase(t), 1e-15);
        // Sunday 31 December 2023 is day 7 of ISO week 52 of 2023
        long sunday = at(2023, 12, 31, 0);
        assertEquals(6 / 7.0, CalendarFeature.DAY_OF_WEEK.phase(sunday), 0);
        assertEquals(51 / (365.2425 / 7), CalendarFeature.WEEK_OF_YEAR.phase(sunday), 1e-15);
    }

    @Test
    void hourlyChannelsAreTheSineAndCosineOfTheHourAndComeRoundEvery24Steps() {
        Frequency hourly = Frequency.parse("1h");
        double[][] c = CalendarFeature.channels(List.of(CalendarFeature.HOUR), "s", at(2024, 1, 1, 22), hourly, 30);
        assertEquals(2, c.length);
        assertEquals(Math.sin(2 * Math.PI * 22 / 24), c[0][0], 1e-15);
        assertEquals(Math.cos(2 * Math.PI * 22 / 24), c[1][0], 1e-15);
        // step 2 is midnight
        assertEquals(0, c[0][2], 1e-15);
        assertEquals(1, c[1][2], 1e-15);
        for (int i = 0; i + 24 < 30; i++) {
            assertEquals(c[0][i], c[0][i + 24], 1e-12);
        }
    }

    @Test
    void integerStepsHaveNoDates() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CalendarFeature.channels(
                List.of(CalendarFeature.MONTH), "s7", 0, Frequency.parse("1"), 5));
        assertTrue(e.getMessage().contains("series s7 has integer steps"), e.getMessage());
        assertTrue(e.getMessage().contains(CalendarFeature.KEY), e.getMessage());
    }
}
