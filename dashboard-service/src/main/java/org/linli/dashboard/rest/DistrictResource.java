package org.linli.dashboard.rest;

import java.time.LocalDate;
import java.time.YearMonth;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.linli.dashboard.service.DashboardScope;
import org.linli.dashboard.service.Figures;
import org.linli.dashboard.service.MonthlyReport;
import org.linli.platform.security.Roles;

@Path("/districts/{districtId}")
@Tag(name = "District")
@RolesAllowed(Roles.DISTRICT_OFFICER)
public class DistrictResource {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final DashboardScope scope;
    private final Figures figures;
    private final MonthlyReport report;

    DistrictResource(DashboardScope scope, Figures figures, MonthlyReport report) {
        this.scope = scope;
        this.figures = figures;
        this.report = report;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The district at a glance: totals, each community and sub-district, 30-day trends, care now",
            description = "Flows (lunches, services, points, alerts) are summed from `from` to `to` (community days, "
                    + "default: this month to today); stocks (residents, volunteers enrolled) are taken on `to`.")
    public Figures.DistrictOverview overview(@PathParam("districtId") String districtId, @QueryParam("from") String from,
            @QueryParam("to") String to) {
        String district = scope.district(districtId);
        return figures.district(district, scope.visible(),
                figures.period(QueryParameters.date("from", from), QueryParameters.date("to", to)));
    }

    @GET
    @Path("/reports/monthly/{month: \\d{4}-\\d{2}}.csv")
    @Produces("text/csv")
    @Operation(summary = "The monthly district report as CSV (UTF-8 with BOM, one row per community and a total row)")
    public Response monthlyCsv(@PathParam("districtId") String districtId, @PathParam("month") String month) {
        MonthlyReport.Report monthly = monthly(districtId, month);
        return Response.ok(report.csv(monthly)).header("Content-Disposition",
                "attachment; filename=\"linli-" + districtId + "-" + month + ".csv\"").build();
    }

    @GET
    @Path("/reports/monthly/{month: \\d{4}-\\d{2}}.xlsx")
    @Produces(XLSX)
    @Operation(summary = "The monthly district report as an Excel workbook (the same figures as the CSV)")
    public Response monthlyXlsx(@PathParam("districtId") String districtId, @PathParam("month") String month) {
        MonthlyReport.Report monthly = monthly(districtId, month);
        return Response.ok(report.xlsx(monthly)).type(XLSX).header("Content-Disposition",
                "attachment; filename=\"linli-" + districtId + "-" + month + ".xlsx\"").build();
    }

    private MonthlyReport.Report monthly(String districtId, String month) {
        String district = scope.district(districtId);
        YearMonth yearMonth = MonthlyReport.month(month);
        LocalDate first = yearMonth.atDay(1);
        Figures.DistrictOverview overview = figures.district(district, scope.visible(),
                figures.period(first, yearMonth.atEndOfMonth()));
        return new MonthlyReport.Report(yearMonth, overview);
    }
}
