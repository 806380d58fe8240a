package org.linli.points.rest;

import java.net.URI;
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
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.linli.platform.security.Roles;
import org.linli.points.domain.BookingStatus;
import org.linli.points.domain.ClassBooking;
import org.linli.points.domain.ClassCourse;
import org.linli.points.domain.ClassSession;
import org.linli.points.service.Classes;

@Path("/communities/{communityId}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Classes", description = "Senior-university class time bought with volunteer minutes")
public class ClassResource {

    private final Classes classes;

    ClassResource(Classes classes) {
        this.classes = classes;
    }

    public record NewCourse(@NotBlank @Size(max = 100) String title, @Size(max = 100) String provider,
            @Size(max = 500) String description) {
    }

    public record NewSession(@NotNull OffsetDateTime startsAt, @Min(15) @Max(480) Integer durationMinutes,
            @Min(1) @Max(500) int seats) {
    }

    public record CreditPurchase(UUID volunteerId, @Min(1) @Max(50) int credits) {
    }

    public record BookingRequest(UUID volunteerId) {
    }

    public record CourseView(UUID id, String title, String provider, String description) {
        static CourseView of(ClassCourse c) {
            return new CourseView(c.id, c.title, c.provider, c.description);
        }
    }

    public record SessionView(UUID id, UUID courseId, OffsetDateTime startsAt, int durationMinutes, int seats, int seatsTaken,
            int seatsLeft) {
        static SessionView of(ClassSession s) {
            return new SessionView(s.id, s.courseId, s.startsAt, s.durationMinutes, s.seats, s.seatsTaken, s.seats - s.seatsTaken);
        }
    }

    public record BookingView(UUID id, UUID sessionId, UUID volunteerId, BookingStatus status, OffsetDateTime bookedAt,
            OffsetDateTime cancelledAt) {
        static BookingView of(ClassBooking b) {
            return new BookingView(b.id, b.sessionId, b.volunteerId, b.status, b.bookedAt, b.cancelledAt);
        }
    }

    @POST
    @Path("/classes")
    @RolesAllowed({ Roles.GRID_HEAD, Roles.COMMUNITY_WORKER })
    public Response createCourse(@PathParam("communityId") String communityId, @NotNull @Valid NewCourse request) {
        ClassCourse course = classes.createCourse(communityId, request.title(), request.provider(), request.description());
        return Response.created(URI.create("/communities/" + communityId + "/classes/" + course.id))
                .entity(CourseView.of(course)).build();
    }

    @GET
    @Path("/classes")
    @RolesAllowed({ Roles.VOLUNTEER, Roles.GRID_HEAD, Roles.COMMUNITY_WORKER, Roles.DISTRICT_OFFICER })
    public List<CourseView> courses(@PathParam("communityId") String communityId) {
        return classes.courses(communityId).stream().map(CourseView::of).toList();
    }

    @POST
    @Path("/classes/{courseId}/sessions")
    @RolesAllowed({ Roles.GRID_HEAD, Roles.COMMUNITY_WORKER })
    @Operation(summary = "Schedule a session with seats (90 minutes unless said)")
    public Response addSession(@PathParam("communityId") String communityId, @PathParam("courseId") UUID courseId,
            @NotNull @Valid NewSession request) {
        ClassSession session = classes.addSession(communityId, courseId, request.startsAt(),
                request.durationMinutes() == null ? 90 : request.durationMinutes(), request.seats());
        return Response.created(URI.create("/communities/" + communityId + "/class-sessions/" + session.id))
                .entity(SessionView.of(session)).build();
    }

    @GET
    @Path("/classes/{courseId}/sessions")
    @RolesAllowed({ Roles.VOLUNTEER, Roles.GRID_HEAD, Roles.COMMUNITY_WORKER, Roles.DISTRICT_OFFICER })
    @Operation(summary = "A class's sessions with seats left; upcoming only unless all=true")
    public List<SessionView> sessions(@PathParam("communityId") String communityId, @PathParam("courseId") UUID courseId,
            @QueryParam("all") @DefaultValue("false") boolean all) {
        return classes.sessions(communityId, courseId, all).stream().map(SessionView::of).toList();
    }

    @POST
    @Path("/class-credits")
    @RolesAllowed({ Roles.VOLUNTEER, Roles.COMMUNITY_WORKER })
    @Operation(summary = "Turn confirmed service minutes into class credits at the community's rate", description = """
            40 minutes of service buy one class credit unless the community set another rate. 409 when the
            volunteer has not enough unspent minutes. Publishes class.credits-bought.v1.""")
    public Response buyCredits(@PathParam("communityId") String communityId, @NotNull @Valid CreditPurchase request) {
        return Response.status(Response.Status.CREATED)
                .entity(classes.buyCredits(communityId, request.volunteerId(), request.credits())).build();
    }

    @POST
    @Path("/class-sessions/{sessionId}/bookings")
    @RolesAllowed({ Roles.VOLUNTEER, Roles.COMMUNITY_WORKER })
    @Operation(summary = "Book a seat with one class credit", description = "409 when full, already booked or no credit. Publishes class.booked.v1.")
    public Response book(@PathParam("communityId") String communityId, @PathParam("sessionId") UUID sessionId,
            @Valid BookingRequest request) {
        ClassBooking booking = classes.book(communityId, sessionId, request == null ? null : request.volunteerId());
        return Response.created(URI.create("/communities/" + communityId + "/class-bookings/" + booking.id))
                .entity(BookingView.of(booking)).build();
    }

    @GET
    @Path("/class-sessions/{sessionId}/bookings")
    @RolesAllowed({ Roles.VOLUNTEER, Roles.GRID_HEAD, Roles.COMMUNITY_WORKER, Roles.DISTRICT_OFFICER })
    public List<BookingView> bookings(@PathParam("communityId") String communityId, @PathParam("sessionId") UUID sessionId) {
        return classes.bookings(communityId, sessionId).stream().map(BookingView::of).toList();
    }

    @POST
    @Path("/class-bookings/{bookingId}/cancel")
    @RolesAllowed({ Roles.VOLUNTEER, Roles.GRID_HEAD, Roles.COMMUNITY_WORKER })
    @Operation(summary = "Give back the seat and the credit", description = "Publishes class.booking-cancelled.v1.")
    public BookingView cancel(@PathParam("communityId") String communityId, @PathParam("bookingId") UUID bookingId) {
        return BookingView.of(classes.cancel(communityId, bookingId));
    }
}
