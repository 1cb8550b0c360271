package io.ioarena.contract;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AgentLineTest
{
    @Test
    void aRequestIsOneLineThatReadsBackAsItself()
    {
        final AgentLine.Request request = new AgentLine.Request(AgentLine.Request.RUN, List.of("--port", "7000", "--label", "a b\nc"),
            "/tmp/x/client.log");
        final String line = request.format();
        assertFalse(line.contains("\n"), line);
        assertEquals(request, AgentLine.Request.parse(line));
    }

    @Test
    void aRequestRunsOnlyTheClientsMeasuringCommands()
    {
        assertEquals(AgentLine.Request.CHURN, AgentLine.Request.parse(new AgentLine.Request(AgentLine.Request.CHURN,
            List.of("-R", "500"), "/tmp/x/client.log").format()).command());
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> AgentLine.Request.parse("{\"command\": \"agent\", \"args\": [], \"log\": \"x\"}"));
        assertTrue(e.getMessage().contains("agent"), e.getMessage());
    }

    @Test
    void aReplyIsFoundAmongOtherOutputAndReadsBackAsItself()
    {
        final AgentLine.Reply reply = new AgentLine.Reply(1, 12.5);
        assertEquals(Optional.of(reply), AgentLine.Reply.parse(reply.format()));
        assertTrue(AgentLine.Reply.parse("OpenJDK 64-Bit Server VM warning: something").isEmpty());
    }

    @Test
    void aMalformedLineIsRefusedWithTheLine()
    {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> AgentLine.Request.parse("{\"run\": 3"));
        assertTrue(e.getMessage().contains("{\"run\": 3"), e.getMessage());
    }
}
