package io.ioarena.harness.run;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fault on the packets between two network namespaces, as the nf_tables ruleset that makes it in one of them
 * (the same ruleset goes into each, so both directions suffer it). Every rule counts the packets it hit, so a test
 * can show the fault really happened. Pure: text in, text out; {@link NetnsPair} loads it with {@code nft}.
 *
 * <p>Only what this project's CI kernel can do: random loss ({@code numgen}) and duplication ({@code dup}, nf_dup).
 * Delay, jitter and reordering need the netem qdisc, which is a different tool ({@code tc}) and not in every kernel.
 *
 * @param kind    what happens to a packet the rule picks.
 * @param percent the share of packets it picks, 1 to 100.
 */
record NetFault(Kind kind, int percent)
{
    /** The table every fault lives in, so that clearing it is one command. */
    static final String TABLE = "ioarena_fault";

    private static final Pattern COUNTER = Pattern.compile("counter packets (\\d+)");

    enum Kind
    {
        /** Dropped on arrival, as a lossy link would: the sender's TCP never learns it from its own stack. */
        LOSS,
        /** Sent twice: the copy leaves by the same device to the same peer. */
        DUPLICATION
    }

    NetFault
    {
        if (percent < 1 || percent > 100)
        {
            throw new IllegalArgumentException("a fault's percent must be 1 to 100, not " + percent);
        }
    }

    static NetFault loss(final int percent)
    {
        return new NetFault(Kind.LOSS, percent);
    }

    static NetFault duplication(final int percent)
    {
        return new NetFault(Kind.DUPLICATION, percent);
    }

    /**
     * The ruleset for the namespace whose peer is {@code peer}, reached through {@code device}. Loss is made on the
     * input hook, not the output one: a packet dropped on output is reported to the sending TCP (which then just
     * sends it later), which is not what a network does.
     */
    String ruleset(final String peer, final String device)
    {
        // nft checks the bound against numgen's range, so every packet is picked without it
        final String pick = (percent == 100 ? "" : "numgen random mod 100 < " + percent + " ") + "counter";
        final String rule = switch (kind)
        {
            case LOSS -> "type filter hook input priority 0; policy accept;\n    ip saddr " + peer + " " + pick +
                " drop";
            case DUPLICATION -> "type filter hook output priority 0; policy accept;\n    ip daddr " + peer + " " +
                pick + " dup to " + peer + " device \"" + device + "\"";
        };
        return "table ip " + TABLE + " {\n  chain fault {\n    " + rule + "\n  }\n}\n";
    }

    /** The packets the fault's rule hit, from {@code nft list table ip ioarena_fault}; 0 where it has no counter. */
    static long packetsHit(final String listing)
    {
        long packets = 0;
        final Matcher m = COUNTER.matcher(listing);
        while (m.find())
        {
            packets += Long.parseLong(m.group(1));
        }
        return packets;
    }

    @Override
    public String toString()
    {
        return percent + "% " + kind.name().toLowerCase(Locale.ROOT);
    }
}
