package io.ioarena.harness.run;

import io.ioarena.contract.AgentLine;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The suite's load client: one long-lived process ({@code <client> agent}, pinned to the client's CPUs) that runs
 * every trial's warm-up chunks and every point, one at a time ({@link AgentLine}). One process for the whole suite
 * means no point pays for a JVM start, and none is measured while the client's own JIT is still compiling: the
 * warm-up chunks warm the client too. After a run that failed or was killed, the next run starts a fresh agent, so
 * that nothing a broken run left behind (threads, sockets) reaches the next one.
 */
final class ClientAgent implements AutoCloseable
{
    private final List<String> command;
    private final Path log;
    private Process process;
    private Writer requests;
    private BlockingQueue<AgentLine.Reply> replies;

    /**
     * @param command the client command with its pinning prefix, before {@code agent}.
     * @param log     where the agents' own output goes (the runs' output goes to each run's log).
     */
    ClientAgent(final List<String> command, final Path log)
    {
        final List<String> words = new ArrayList<>(command);
        words.add(AgentLine.COMMAND);
        this.command = List.copyOf(words);
        this.log = log;
    }

    /** Asks the agent, started first if none runs, for one run; its reply comes through {@link #reply(long)}. */
    void submit(final String clientCommand, final List<String> args, final Path runLog) throws IOException
    {
        if (process == null || !process.isAlive())
        {
            start();
        }
        requests.write(new AgentLine.Request(clientCommand, args, runLog.toString()).format());
        requests.write('\n');
        requests.flush();
    }

    /** The reply to the run submitted last, waiting at most {@code millis}; null when it has not come yet. */
    AgentLine.Reply reply(final long millis) throws InterruptedException
    {
        return replies.poll(millis, TimeUnit.MILLISECONDS);
    }

    /** Whether the agent process is still there to answer. */
    boolean alive()
    {
        return process != null && process.isAlive();
    }

    /** The exit status of an agent that has ended by itself. */
    int exitValue()
    {
        return process.exitValue();
    }

    /** Ends the agent at once: after a run that hung, failed or was abandoned. */
    void kill() throws InterruptedException
    {
        if (process != null)
        {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
            process = null;
        }
    }

    private void start() throws IOException
    {
        process = new ProcessBuilder(ParentDeath.wrap(command))
            .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        requests = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        final BlockingQueue<AgentLine.Reply> queue = new LinkedBlockingQueue<>();
        replies = queue;
        final BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
            StandardCharsets.UTF_8));
        Thread.ofPlatform().daemon().name("client-agent-replies").start(() ->
        {
            try
            {
                for (String line = out.readLine(); line != null; line = out.readLine())
                {
                    AgentLine.Reply.parse(line).ifPresent(queue::add);
                }
            }
            catch (final IOException e)
            {
                // the agent was killed: its runs are answered as failed by whoever waits for them
            }
        });
    }

    /** Ends the agent by closing its input, which it reads as the end of the suite; kills it if it lingers. */
    @Override
    public void close() throws InterruptedException
    {
        if (process == null)
        {
            return;
        }
        try
        {
            requests.close();
        }
        catch (final IOException agentGone)
        {
            // an agent that has already ended cannot be told to: kill() below only reaps it
        }
        if (!process.waitFor(5, TimeUnit.SECONDS))
        {
            kill();
        }
        process = null;
    }
}
