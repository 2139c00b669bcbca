package dev.starprobe.plugins.tls;

import dev.starprobe.model.NetworkFailure;
import dev.starprobe.plugins.tls.policy.TlsPolicy;
import dev.starprobe.spi.Applicability;
import dev.starprobe.spi.BlockingCheck;
import dev.starprobe.spi.CheckContext;
import dev.starprobe.spi.CheckDescriptor;
import dev.starprobe.spi.CheckOutcome;
import dev.starprobe.spi.CheckTarget;

/**
 * Base of the per-service TLS checks: they apply to the same services and are all judged by the
 * scan's TLS policy, which is loaded once per run here; a policy that does not load ends the run
 * with an ERROR naming the problem instead of judging by a half-read rule set.
 */
abstract class PolicyCheck extends BlockingCheck {
    private final CheckDescriptor descriptor;

    PolicyCheck(CheckDescriptor descriptor) {
        this.descriptor = descriptor;
    }

    @Override
    public final CheckDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public final Applicability appliesTo(CheckTarget target) {
        return TlsTarget.appliesTo(target);
    }

    @Override
    protected final CheckOutcome runBlocking(CheckContext ctx) throws Exception {
        TlsPolicy policy;
        try {
            policy = TlsPolicy.forOptions(ctx.options());
        } catch (TlsPolicy.PolicyException e) {
            return CheckOutcome.failed(NetworkFailure.OTHER, e.getMessage());
        }
        return run(ctx, policy);
    }

    protected abstract CheckOutcome run(CheckContext ctx, TlsPolicy policy) throws Exception;
}
