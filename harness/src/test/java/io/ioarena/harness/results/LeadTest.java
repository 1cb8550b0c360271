package io.ioarena.harness.results;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LeadTest
{
    @Test
    void theNullDistributionOfUCountsOrderings()
    {
        // 5 and 5: of 252 orderings, U = 0, 1, 2, 3 have 1, 1, 2, 3 (partitions of u into at most 5 parts ≤ 5)
        final double[] cdf = Lead.nullCdf(5, 5);
        assertEquals(26, cdf.length);
        assertEquals(1 / 252.0, cdf[0], 1e-15);
        assertEquals(4 / 252.0, cdf[2], 1e-15);
        assertEquals(7 / 252.0, cdf[3], 1e-15);
        assertEquals(1.0, cdf[25], 1e-12);
        assertEquals(0.5, Lead.nullCdf(1, 1)[0], 1e-15);
    }

    @Test
    void atFiveRepetitionsEachTwoCrossPairsOutOfOrderAreStillSignificantThreeAreNot()
    {
        final double[] a = {110, 111, 112, 113, 114};
        assertTrue(Lead.of(a, new double[] {100, 101, 102, 103, 104}, true).significant(), "separated: U = 0");
        // b's two largest beat one and two of a's: U = 2 (of 25 cross pairs)
        final Lead twoOut = Lead.of(a, new double[] {100, 101, 102, 110.5, 110.7}, true);
        assertEquals(0.031746, twoOut.p(), 1e-6, "U = 2");
        assertTrue(twoOut.significant());
        final Lead threeOut = Lead.of(a, new double[] {100, 101, 102, 110.5, 111.5}, true);
        assertEquals(0.055556, threeOut.p(), 1e-6, "U = 3");
        assertFalse(threeOut.significant());
        assertTrue(threeOut.possible());
    }

    @Test
    void theIntervalOfTheRatioAtFiveAndFiveIsThe3rdAnd23rdOfTheCrossRatios()
    {
        // with b all 1, the 25 cross ratios are a's values, each 5 times
        final double[] a = {1.10, 1.20, 1.30, 1.40, 1.50};
        final double[] b = {1, 1, 1, 1, 1};
        final Lead lead = Lead.of(a, b, true);
        assertEquals(1.30, lead.ratio(), 1e-12, "the ratio of the medians");
        assertEquals(1.10, lead.low(), 1e-12, "3rd smallest of 1.1 ×5, 1.2 ×5, ...");
        assertEquals(1.50, lead.high(), 1e-12, "23rd");
        assertEquals(1 - 2 * 4 / 252.0, lead.level(), 1e-12, "96.8%");
        assertEquals(3, Lead.rank(5, 5));
    }

    @Test
    void forALatencyTheLeaderIsTheLowerAndTheRatioIsInverted()
    {
        final Lead lead = Lead.of(new double[] {100, 100, 100, 100, 100}, new double[] {150, 150, 150, 150, 150},
            false);
        assertEquals(1.5, lead.ratio(), 1e-12, "the other's p99 is 50% higher");
        assertEquals(1.5, lead.low(), 1e-12);
        assertTrue(lead.significant());
        assertTrue(Lead.of(new double[] {100, 100, 100, 100, 100}, new double[] {150, 150, 150, 150, 150}, true)
            .ratio() < 1, "the same values as rates: a is behind");
    }

    @Test
    void tooFewRepetitionsCanNeverBeSignificantAndHaveNoInterval()
    {
        final Lead three = Lead.of(new double[] {10, 11, 12}, new double[] {1, 2, 3}, true);
        assertFalse(three.possible(), "3 and 3: the smallest p is 2/20");
        assertFalse(three.significant());
        assertTrue(Double.isNaN(three.low()));
        assertEquals(0, three.level());
        assertEquals(0, Lead.rank(3, 3));
        assertEquals(1, Lead.rank(4, 4), "4 and 4: only the extremes, 1 − 2/70");
        assertEquals(1 - 2 / 70.0, Lead.of(new double[] {5, 6, 7, 8}, new double[] {1, 2, 3, 4}, true).level(),
            1e-12);
        assertEquals(6, Lead.rank(6, 6));
        assertEquals(1 - 2 * 19 / 924.0, Lead.of(new double[] {7, 8, 9, 10, 11, 12},
            new double[] {1, 2, 3, 4, 5, 6}, true).level(), 1e-12, "6 and 6: 95.9%");
    }
}
