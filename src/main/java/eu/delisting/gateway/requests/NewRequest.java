package eu.delisting.gateway.requests;

import eu.delisting.gateway.problems.Slug;
import eu.delisting.gateway.problems.Text;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * A filing as the claimant (or an agent for it) sends it. {@code addressees} defaults to every addressee of
 * the order; {@code onBehalfOf} names the principal an agent files for.
 */
public record NewRequest(
        @NotEmpty(message = "REQUIRED: a request files at least one URL")
        List<@NotNull(message = "REQUIRED: a URL is a string") String> urls,
        @Size(min = 1, message = "EMPTY: leave addressees out to target every addressee") List<String> addressees,
        @Text(max = FilingService.MAX_CLIENT_REFERENCE) String clientReference,
        @Slug String onBehalfOf) {
}
