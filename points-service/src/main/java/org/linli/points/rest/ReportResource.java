package org.linli.points.rest;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.linli.platform.problem.InvalidRequestProblem;
import org.linli.platform.security.Roles;
import org.linli.points.service.Reports;

@Path("/communities/{communityId}/reports")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Reports", description = "The moral bank's month in figures, per community and team")
public class ReportResource {

    private final Reports reports;

    ReportResource(Reports reports) {
        this.reports = reports;
    }

    @GET
    @Path("/monthly")
    @RolesAllowed({ Roles.COMMUNITY_WORKER, Roles.DISTRICT_OFFICER })
    @Operation(summary = "Services, hours, points issued and redeemed, deliveries, top volunteers; per team unless teamId")
    public Reports.Monthly monthly(@PathParam("communityId") String communityId,
            @QueryParam("month") @NotNull @Pattern(regexp = "\\d{4}-\\d{2}") String month, @QueryParam("teamId") UUID teamId,
            @QueryParam("top") @DefaultValue("10") @Min(1) @Max(100) int top) {
        YearMonth parsed;
        try {
            parsed = YearMonth.parse(month);
        } catch (DateTimeParseException e) {
            throw new InvalidRequestProblem("month", "not a month like 2026-11");
        }
        return reports.monthly(communityId, parsed, teamId, top);
    }

    @GET
    @Path("/inactive-volunteers")
    @RolesAllowed({ Roles.COMMUNITY_WORKER, Roles.DISTRICT_OFFICER })
    @Operation(summary = "Volunteers with no confirmed service for N days, quietest first")
    public List<Reports.InactiveVolunteer> inactive(@PathParam("communityId") String communityId,
            @QueryParam("days") @DefaultValue("30") @Min(1) @Max(3650) int days,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(100_000) int page,
            @QueryParam("size") @DefaultValue("100") @Min(1) @Max(1000) int size) {
        return reports.inactive(communityId, days, page, size);
    }
}
