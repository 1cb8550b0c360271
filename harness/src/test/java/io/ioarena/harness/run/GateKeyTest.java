package io.ioarena.harness.run;

import io.ioarena.protocol.Framing;
import io.ioarena.protocol.Service;
import io.ioarena.protocol.conformance.ConformanceCase;
import io.ioarena.protocol.conformance.ConformanceKit;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A passed gate is found again in the next run: its cache key does not carry what changes from run to run. */
class GateKeyTest
{
    private static final List<String> COMMAND = List.of("java", "-cp", "impl-selector/target/classes", "ServerMain");

    @Test
    void theFuzzSeedOfARunIsNotPartOfTheKey()
    {
        final List<ConformanceCase> thisRun = ConformanceKit.cases(Service.ECHO, Framing.LINE);
        assertTrue(thisRun.stream().anyMatch(c -> c.name().contains("-seed-")), "the kit has a seeded fuzz case");
        final List<ConformanceCase> nextRun = new ArrayList<>();
        thisRun.forEach(c -> nextRun.add(c.name().contains("-seed-") ? new ConformanceCase(
            c.name().replaceAll("seed-.*", "seed-42"), c.service(), c.framing(), c.serverArgs(), c.stopsServer(),
            c.body()) : c));
        assertNotEquals(thisRun.stream().map(ConformanceCase::id).toList(),
            nextRun.stream().map(ConformanceCase::id).toList());
        assertEquals(SuiteRunner.gateKey(COMMAND, thisRun), SuiteRunner.gateKey(COMMAND, nextRun));
    }

    @Test
    void theServicesAndFramingsGatedAreTheKey()
    {
        final List<ConformanceCase> echo = ConformanceKit.cases(Service.ECHO, Framing.LINE);
        final List<ConformanceCase> echoAndChat = new ArrayList<>(echo);
        echoAndChat.addAll(ConformanceKit.cases(Service.CHAT, Framing.LINE));
        assertNotEquals(SuiteRunner.gateKey(COMMAND, echo), SuiteRunner.gateKey(COMMAND, echoAndChat));
        assertNotEquals(SuiteRunner.gateKey(COMMAND, echo), SuiteRunner.gateKey(List.of("java", "other"), echo));
    }
}
