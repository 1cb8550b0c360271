package io.ioarena.load;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ActiveConnectionsTest
{
    @Test
    void theActiveOnesAreEvenlySpacedAndNumberedInOrder()
    {
        final ActiveConnections a = new ActiveConnections(10, 4);
        final List<Integer> active = IntStream.range(0, 10).filter(a::carries).boxed().toList();
        // floor(k * 10 / 4) for k = 0..3
        assertEquals(List.of(0, 2, 5, 7), active);
        assertEquals(List.of(0, 1, 2, 3), active.stream().map(a::index).toList(), "their places in the plan");
    }

    @Test
    void everySliceGetsItsProportionalShareAndTheSharesAddUp()
    {
        for (final int connections : new int[] {1, 7, 100, 10_100, 18_000})
        {
            for (final int active : new int[] {1, 3, 100})
            {
                if (active > connections)
                {
                    continue;
                }
                final ActiveConnections a = new ActiveConnections(connections, active);
                for (final int parts : new int[] {1, 2, 3})
                {
                    if (parts > connections)
                    {
                        continue;
                    }
                    int sum = 0;
                    for (int p = 0; p < parts; p++)
                    {
                        final Slice s = Slice.of(connections, parts, p);
                        final int count = a.count(s);
                        assertEquals(IntStream.range(s.first(), s.end()).filter(a::carries).count(), count, s.toString());
                        assertTrue(Math.abs(count - (double) s.count() * active / connections) < 1, s + ": " + count);
                        sum += count;
                    }
                    assertEquals(active, sum);
                }
            }
        }
    }

    @Test
    void allActiveIsEveryConnectionInItsOwnPlace()
    {
        final ActiveConnections a = new ActiveConnections(16, 16);
        IntStream.range(0, 16).forEach(id -> assertTrue(a.carries(id) && a.index(id) == id));
    }

    @Test
    void anActiveCountOutsideTheConnectionsIsRefused()
    {
        assertThrows(IllegalArgumentException.class, () -> new ActiveConnections(10, 11));
        assertThrows(IllegalArgumentException.class, () -> new ActiveConnections(10, 0));
    }
}
