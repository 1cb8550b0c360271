package io.ioarena.protocol.conformance;

import io.ioarena.protocol.Framing;
import io.ioarena.protocol.Service;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

import static io.ioarena.protocol.conformance.CommonCases.c;

/** Checks of the echo service (PROTOCOL.md section 3) beyond the common ones. */
final class EchoCases
{
    private EchoCases()
    {
    }

    static List<ConformanceCase> cases(final Framing f)
    {
        final List<ConformanceCase> cases = new ArrayList<>();
        cases.add(c("binary-every-byte-value", Service.ECHO, f, EchoCases::everyByteValue));
        if (f != Framing.RAW)
        {
            cases.add(c("zero-length-frame", Service.ECHO, f, EchoCases::zeroLength));
            cases.add(c("carriage-return-is-payload", Service.ECHO, f, ctx ->
            {
                final KitConnection c = ctx.connect();
                c.send("a\rb\r");
                c.expect("a\rb\r");
            }));
        }
        return cases;
    }

    private static void everyByteValue(final CaseContext ctx) throws Exception
    {
        final KitConnection c = ctx.connect();
        final ByteArrayOutputStream payload = new ByteArrayOutputStream();
        for (int round = 0; round < 4; round++)
        {
            for (int b = 0; b < 256; b++)
            {
                if (b != Framing.NEWLINE || ctx.framing() != Framing.LINE)
                {
                    payload.write(b);
                }
            }
        }
        c.send(payload.toByteArray());
        c.expect(payload.toByteArray());
    }

    private static void zeroLength(final CaseContext ctx) throws Exception
    {
        final KitConnection c = ctx.connect();
        c.write(KitConnection.concat(ctx.framing().encode(new byte[0]), ctx.framing().encode("after".getBytes())));
        c.expect(new byte[0]);
        c.expect("after");
    }
}
