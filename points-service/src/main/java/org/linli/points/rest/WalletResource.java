package org.linli.points.rest;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.linli.platform.security.Roles;
import org.linli.points.ledger.LedgerEntry;
import org.linli.points.ledger.LedgerVerification;
import org.linli.points.ledger.Posted;
import org.linli.points.ledger.Posting;
import org.linli.points.ledger.PostingKind;
import org.linli.points.ledger.Unit;
import org.linli.points.service.StatementLine;
import org.linli.points.service.Wallets;

@Path("/communities/{communityId}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Ledger", description = "Wallets, statements, postings, corrections by reversal, and the ledger's proof")
public class WalletResource {

    private final Wallets wallets;

    WalletResource(Wallets wallets) {
        this.wallets = wallets;
    }

    public record Correction(@NotBlank @Size(max = 500) String reason) {
    }

    public record EntryView(UUID accountId, long amount, long balanceAfter) {
    }

    public record PostingView(UUID id, long seq, PostingKind kind, String reference, UUID reverses, String reason,
            String createdBy, OffsetDateTime createdAt, String prevHash, String hash, List<EntryView> entries) {
        static PostingView of(Posting p, List<LedgerEntry> entries) {
            return new PostingView(p.id, p.seq, p.kind, p.reference, p.reverses, p.reason, p.createdBy, p.createdAt, p.prevHash,
                    p.hash, entries.stream().map(e -> new EntryView(e.accountId, e.amount, e.balanceAfter)).toList());
        }
    }

    @GET
    @Path("/volunteers/{volunteerId}/wallet")
    @RolesAllowed({ Roles.VOLUNTEER, Roles.COMMUNITY_WORKER, Roles.DISTRICT_OFFICER })
    @Operation(summary = "A volunteer's balances: points, unspent service minutes, class credits (O(1))")
    public Wallets.Balances wallet(@PathParam("communityId") String communityId, @PathParam("volunteerId") UUID volunteerId) {
        return wallets.balances(communityId, volunteerId);
    }

    @GET
    @Path("/volunteers/{volunteerId}/statement")
    @RolesAllowed({ Roles.VOLUNTEER, Roles.COMMUNITY_WORKER, Roles.DISTRICT_OFFICER })
    @Operation(summary = "A wallet's statement, newest first, with the running balance")
    public List<StatementLine> statement(@PathParam("communityId") String communityId,
            @PathParam("volunteerId") UUID volunteerId, @QueryParam("unit") @DefaultValue("POINTS") Unit unit,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(100_000) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        return wallets.statement(communityId, volunteerId, unit, page, size);
    }

    @GET
    @Path("/postings")
    @RolesAllowed({ Roles.COMMUNITY_WORKER, Roles.DISTRICT_OFFICER })
    @Operation(summary = "The community's postings in chain order, after a sequence number (for auditors)")
    public List<PostingView> postings(@PathParam("communityId") String communityId,
            @QueryParam("afterSeq") @DefaultValue("0") @Min(0) long afterSeq,
            @QueryParam("size") @DefaultValue("100") @Min(1) @Max(1000) int size) {
        return wallets.postings(communityId, afterSeq, size).stream()
                .map(p -> PostingView.of(p, wallets.entries(p.id))).toList();
    }

    @GET
    @Path("/postings/{postingId}")
    @RolesAllowed({ Roles.COMMUNITY_WORKER, Roles.DISTRICT_OFFICER })
    public PostingView posting(@PathParam("communityId") String communityId, @PathParam("postingId") UUID postingId) {
        return PostingView.of(wallets.posting(communityId, postingId), wallets.entries(postingId));
    }

    @POST
    @Path("/postings/{postingId}/reverse")
    @RolesAllowed({ Roles.COMMUNITY_WORKER })
    @Operation(summary = "Correct a wrong award by reversing it, with a reason", description = """
            Posts the exact opposite, once, and publishes points.reversed.v1. Refused (409) when the points were
            already spent, or for a redemption or booking (cancel those instead).""")
    public PostingView reverse(@PathParam("communityId") String communityId, @PathParam("postingId") UUID postingId,
            @NotNull @Valid Correction request) {
        Posted reversal = wallets.correct(communityId, postingId, request.reason());
        return PostingView.of(reversal.posting(), reversal.entries());
    }

    @GET
    @Path("/ledger/verify")
    @RolesAllowed({ Roles.COMMUNITY_WORKER, Roles.DISTRICT_OFFICER })
    @Operation(summary = "Prove the ledger", description = """
            Walks the hash chain from the first posting, checks each posting balances per unit, each kept balance
            equals the sum of its entries, and no wallet is below zero.""")
    public LedgerVerification.Report verify(@PathParam("communityId") String communityId) {
        return wallets.verify(communityId);
    }
}
