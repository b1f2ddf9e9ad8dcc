package dev.gatehouse.benchmarks;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookSigningException;
import dev.gatehouse.webhooks.WebhookSecret;
import dev.gatehouse.webhooks.WebhookSigner;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Signing a delivery: Gatehouse's signer against the Standard Webhooks Java library's
 * {@code sign} on the same secret, id, timestamp and body. Goal: ≥ 1.0 × the reference's speed.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SigningBenchmark {

    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    @Param({"64", "1024", "16384"})
    public int bodyBytes;

    private String body;
    private List<WebhookSecret> secrets;
    private Webhook reference;

    @Setup
    public void setUp() throws Exception {
        StringBuilder b = new StringBuilder("{\"type\":\"post.created\",\"timestamp\":\"2026-01-15T10:30:00Z\",\"data\":{\"text\":\"");
        while (b.length() < bodyBytes - 4) {
            b.append('x');
        }
        body = b.append("\"}}").toString();
        secrets = List.of(WebhookSecret.parse(SECRET));
        reference = new Webhook(SECRET);
    }

    @Benchmark
    public String gatehouse() {
        return WebhookSigner.sign("evt_2Wl6w9Rr0y9xQb3Yz2W1aa", 1_768_473_000L, body, secrets);
    }

    @Benchmark
    public String standardWebhooksReference() throws WebhookSigningException {
        return reference.sign("evt_2Wl6w9Rr0y9xQb3Yz2W1aa", 1_768_473_000L, body);
    }
}
