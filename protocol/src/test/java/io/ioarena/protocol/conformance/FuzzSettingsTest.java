package io.ioarena.protocol.conformance;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FuzzSettingsTest
{
    private final String seed = System.getProperty(FuzzSettings.SEED_PROPERTY);
    private final String ops = System.getProperty(FuzzSettings.OPERATIONS_PROPERTY);

    @AfterEach
    void restore()
    {
        restore(FuzzSettings.SEED_PROPERTY, seed);
        restore(FuzzSettings.OPERATIONS_PROPERTY, ops);
    }

    @Test
    void theSeedIsOnePerJvmUnlessGivenAndTheReplaySaysHowToGiveIt()
    {
        System.clearProperty(FuzzSettings.SEED_PROPERTY);
        System.clearProperty(FuzzSettings.OPERATIONS_PROPERTY);
        assertEquals(FuzzSettings.fromSystemProperties(), FuzzSettings.fromSystemProperties());
        System.setProperty(FuzzSettings.SEED_PROPERTY, "-42");
        System.setProperty(FuzzSettings.OPERATIONS_PROPERTY, "7");
        final FuzzSettings given = FuzzSettings.fromSystemProperties();
        assertEquals(new FuzzSettings(-42, 7), given);
        assertEquals("-Dioarena.fuzz.seed=-42 -Dioarena.fuzz.ops=7", given.replay());
        assertEquals(70, given.decoderTries());
    }

    @Test
    void badValuesNameTheProperty()
    {
        System.setProperty(FuzzSettings.SEED_PROPERTY, "abc");
        assertTrue(assertThrows(IllegalArgumentException.class, FuzzSettings::fromSystemProperties).getMessage()
            .startsWith("ioarena.fuzz.seed must be a whole number"));
        System.clearProperty(FuzzSettings.SEED_PROPERTY);
        System.setProperty(FuzzSettings.OPERATIONS_PROPERTY, "0");
        assertTrue(assertThrows(IllegalArgumentException.class, FuzzSettings::fromSystemProperties).getMessage()
            .startsWith("ioarena.fuzz.ops must be at least 1"));
        System.setProperty(FuzzSettings.OPERATIONS_PROPERTY, "99999999999");
        assertTrue(assertThrows(IllegalArgumentException.class, FuzzSettings::fromSystemProperties).getMessage()
            .startsWith("ioarena.fuzz.ops must be at most"));
    }

    private static void restore(final String property, final String value)
    {
        if (value == null)
        {
            System.clearProperty(property);
        }
        else
        {
            System.setProperty(property, value);
        }
    }
}
