package org.linli.dashboard.rest;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;
import org.linli.dashboard.service.ChangeFeed;
import org.linli.dashboard.service.DashboardScope;
import org.linli.platform.security.Roles;

import io.smallrye.mutiny.Multi;

@Path("/changes")
@Tag(name = "Live")
@RolesAllowed({ Roles.DISTRICT_OFFICER, Roles.COMMUNITY_WORKER })
public class ChangeResource {

    /**
     * Which of the caller's communities have new figures ({@code *} after a rebuild: all of them; {@code heartbeat}
     * with none, every 15 s).
     */
    public record Change(String kind, List<String> communities) {
    }

    private final ChangeFeed feed;
    private final DashboardScope scope;

    ChangeResource(ChangeFeed feed, DashboardScope scope) {
        this.feed = feed;
        this.scope = scope;
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = "Server-sent events: the caller's communities whose figures changed (at most every 0.5 s)")
    public Multi<Change> changes() {
        Predicate<String> visible = scope.feedFilter();
        Multi<Change> changes = feed.changes()
                .map(set -> set.contains(ChangeFeed.EVERY_COMMUNITY) ? List.of(ChangeFeed.EVERY_COMMUNITY)
                        : set.stream().filter(visible).sorted().toList())
                .filter(list -> !list.isEmpty())
                .map(list -> new Change("changed", list));
        Multi<Change> heartbeats = Multi.createFrom().ticks().every(Duration.ofSeconds(15))
                .map(tick -> new Change("heartbeat", List.of()));
        return Multi.createBy().merging().streams(Multi.createFrom().item(new Change("hello", List.of())), changes,
                heartbeats).onOverflow().buffer(64);
    }
}
