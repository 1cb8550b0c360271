package io.ioarena.load;

import io.ioarena.contract.ClientSummary;

/**
 * One client thread's counters. Written by that thread only; read after it has finished (the join orders them).
 * "Measured" messages are those whose intended send time is in the measured phase.
 */
public final class ThreadStats
{
    long sent;
    long received;
    long warmupSent;
    long warmupReceived;
    long corrupted;
    long reordered;
    long duplicated;
    long unexpected;
    long lost;
    long unanswered;
    long unsent;
    long disconnects;
    long expectedDeliveries;
    long receivedDeliveries;
    long bytesRead;
    /** {@code --chat-churn}: the visitors' measured joins and leaves, and what {@link ClientSummary.ChatChurn} says. */
    long joins;
    long leaves;
    long churnErrors;
    long requiredCopies;
    long visitorCopies;
    /** Heap bytes the client thread allocated while running the plan (warm-up, measurement, drain); -1 if unknown. */
    long allocatedBytes;
    /** CPU time the client thread used while running the plan; -1 if unknown. */
    long cpuNanos;
    /**
     * The client thread's own stalls in the measured phase: gaps of {@link ClientThread#STALL_NANOS} or more between
     * two turns of its loop when the first ended with a poll, not a blocking wait (descheduled, or stopped by the JVM).
     */
    long stalledNanos;

    void add(final ThreadStats o)
    {
        sent += o.sent;
        stalledNanos += o.stalledNanos;
        received += o.received;
        warmupSent += o.warmupSent;
        warmupReceived += o.warmupReceived;
        corrupted += o.corrupted;
        reordered += o.reordered;
        duplicated += o.duplicated;
        unexpected += o.unexpected;
        lost += o.lost;
        unanswered += o.unanswered;
        unsent += o.unsent;
        disconnects += o.disconnects;
        expectedDeliveries += o.expectedDeliveries;
        receivedDeliveries += o.receivedDeliveries;
        bytesRead += o.bytesRead;
        joins += o.joins;
        leaves += o.leaves;
        churnErrors += o.churnErrors;
        requiredCopies += o.requiredCopies;
        visitorCopies += o.visitorCopies;
        allocatedBytes = allocatedBytes < 0 || o.allocatedBytes < 0 ? -1 : allocatedBytes + o.allocatedBytes;
        cpuNanos = cpuNanos < 0 || o.cpuNanos < 0 ? -1 : cpuNanos + o.cpuNanos;
    }
}
