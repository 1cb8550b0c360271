package io.ioarena.harness.results;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LinearFitTest
{
    @Test
    void pointsOnALineGiveItsSlopeInterceptAndAnR2OfOne()
    {
        // 3 KB per connection over a 40 MB base, as a server's memory against connection count would read
        final double[] connections = {0, 1_000, 5_000, 10_000, 25_000};
        final double[] bytes = new double[connections.length];
        for (int i = 0; i < bytes.length; i++)
        {
            bytes[i] = 40e6 + 3_000 * connections[i];
        }
        final LinearFit fit = LinearFit.of(connections, bytes);
        assertEquals(3_000, fit.slope(), 1e-6);
        assertEquals(40e6, fit.intercept(), 1e-3);
        assertEquals(1.0, fit.r2(), 1e-12);
        assertEquals(5, fit.points());
    }

    @Test
    void aKnownScatterGivesTheTextbookAnswer()
    {
        // x = 1..4, y = 2, 1, 4, 3: Sxx = 5, Sxy = 3, Syy = 5, so slope 0.6, intercept 1, R² = 1 - 3.2/5 = 0.36
        final LinearFit fit = LinearFit.of(new double[] {1, 2, 3, 4}, new double[] {2, 1, 4, 3});
        assertEquals(0.6, fit.slope(), 1e-12);
        assertEquals(1.0, fit.intercept(), 1e-12);
        assertEquals(0.36, fit.r2(), 1e-12);
    }

    @Test
    void aFlatLineHasNoVarianceToExplain()
    {
        final LinearFit fit = LinearFit.of(new double[] {0, 10, 20}, new double[] {7, 7, 7});
        assertEquals(0, fit.slope(), 0);
        assertTrue(Double.isNaN(fit.r2()));
    }

    @Test
    void tooFewOrIdenticalXValuesAreRefusedWithAReason()
    {
        assertTrue(assertThrows(IllegalArgumentException.class,
            () -> LinearFit.of(new double[] {5}, new double[] {1})).getMessage().contains("1 point"));
        assertTrue(assertThrows(IllegalArgumentException.class,
            () -> LinearFit.of(new double[] {5, 5}, new double[] {1, 2})).getMessage().contains("x = 5"));
        assertTrue(assertThrows(IllegalArgumentException.class,
            () -> LinearFit.of(new double[] {1, 2}, new double[] {1})).getMessage().contains("2 and 1"));
    }
}
