package io.ioarena.contract;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UnitsTest
{
    @Test
    void durationsTakeEveryUnitAndABareNumberIsSeconds()
    {
        assertEquals(250_000, Units.parseDurationNanos("250us"));
        assertEquals(Duration.ofMillis(500), Units.parseDuration("500ms"));
        assertEquals(Duration.ofMillis(1500), Units.parseDuration("1.5s"));
        assertEquals(Duration.ofMinutes(2), Units.parseDuration("2m"));
        assertEquals(Duration.ofHours(1), Units.parseDuration("1h"));
        assertEquals(Duration.ofSeconds(10), Units.parseDuration("10"));
        assertEquals(7, Units.parseDurationNanos(" 7NS "));
        assertThrows(IllegalArgumentException.class, () -> Units.parseDuration("5 parsecs"));
        assertThrows(IllegalArgumentException.class, () -> Units.parseDuration(""));
    }

    @Test
    void ratesAndCountsTakeThousandsAndMillions()
    {
        assertEquals(20_000, Units.parseQuantity("20k"));
        assertEquals(1_500_000, Units.parseQuantity("1.5m"));
        assertEquals(0.5, Units.parseQuantity("0.5"));
        assertEquals(30_000, Units.parseIntCount("30K"));
        assertThrows(IllegalArgumentException.class, () -> Units.parseCount("1.5"), "not a whole number");
        assertThrows(IllegalArgumentException.class, () -> Units.parseIntCount("3000m"), "beyond an int");
        assertThrows(IllegalArgumentException.class, () -> Units.parsePositive("0"));
        assertThrows(IllegalArgumentException.class, () -> Units.parsePositive("-1k"));
    }

    static final class Flags
    {
        @Option(names = "--rates", split = ",", converter = Units.PositiveConverter.class)
        List<Double> rates;
        @Option(names = "--connections", converter = Units.PositiveIntConverter.class)
        int connections;
        @Option(names = "--duration", converter = Units.DurationConverter.class)
        Duration duration;
    }

    @Test
    void theConvertersReadTheSameGrammarAndPicocliNamesTheFlag()
    {
        final Flags f = new Flags();
        new CommandLine(f).parseArgs("--rates", "1k,2.5k", "--connections", "2k", "--duration", "750ms");
        assertEquals(List.of(1000.0, 2500.0), f.rates);
        assertEquals(2000, f.connections);
        assertEquals(Duration.ofMillis(750), f.duration);
        final CommandLine.ParameterException e = assertThrows(CommandLine.ParameterException.class,
            () -> new CommandLine(new Flags()).parseArgs("--connections", "0"));
        assertTrue(e.getMessage().contains("'--connections'") && e.getMessage().contains("'0' is not above zero"),
            e.getMessage());
    }
}
