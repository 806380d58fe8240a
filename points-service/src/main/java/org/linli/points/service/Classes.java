package org.linli.points.service;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.linli.platform.outbox.Outbox;
import org.linli.platform.problem.ConflictProblem;
import org.linli.platform.problem.NotFoundProblem;
import org.linli.points.domain.BookingStatus;
import org.linli.points.domain.ClassBooking;
import org.linli.points.domain.ClassCourse;
import org.linli.points.domain.ClassSession;
import org.linli.points.domain.CommunityPolicy;
import org.linli.points.domain.Volunteer;
import org.linli.points.events.PointsEvents;
import org.linli.points.ledger.AccountKind;
import org.linli.points.ledger.Accounts;
import org.linli.points.ledger.Ledger;
import org.linli.points.ledger.LedgerAccount;
import org.linli.points.ledger.Posted;
import org.linli.points.ledger.Posting;
import org.linli.points.ledger.PostingRequest;

/**
 * Time for class: confirmed volunteer minutes buy class credits at the community's rate (40 minutes for one
 * 1.5-hour class by default, as at Laodong Yifang); a credit books a seat in a session; cancelling returns the
 * seat and the credit.
 */
@ApplicationScoped
@Transactional
public class Classes {

    private final PointsScope scope;
    private final Volunteers volunteers;
    private final Ledger ledger;
    private final Outbox outbox;
    private final EntityManager em;
    private final Clock clock;

    Classes(PointsScope scope, Volunteers volunteers, Ledger ledger, Outbox outbox, EntityManager em, Clock clock) {
        this.scope = scope;
        this.volunteers = volunteers;
        this.ledger = ledger;
        this.outbox = outbox;
        this.em = em;
        this.clock = clock;
    }

    public ClassCourse createCourse(String communityId, String title, String provider, String description) {
        scope.requireManager(communityId);
        ClassCourse course = new ClassCourse();
        course.id = UUID.randomUUID();
        course.communityId = communityId;
        course.title = title.strip();
        course.provider = provider;
        course.description = description;
        course.createdAt = OffsetDateTime.now(clock);
        course.persist();
        return course;
    }

    public ClassSession addSession(String communityId, UUID courseId, OffsetDateTime startsAt, int durationMinutes, int seats) {
        scope.requireManager(communityId);
        ClassCourse course = course(communityId, courseId);
        ClassSession session = new ClassSession();
        session.id = UUID.randomUUID();
        session.courseId = course.id;
        session.communityId = communityId;
        session.startsAt = startsAt;
        session.durationMinutes = durationMinutes;
        session.seats = seats;
        session.persist();
        return session;
    }

    public List<ClassCourse> courses(String communityId) {
        scope.requireParticipant(communityId);
        return ClassCourse.list("communityId = ?1 order by title", communityId);
    }

    public ClassCourse course(String communityId, UUID courseId) {
        scope.requireParticipant(communityId);
        return ClassCourse.<ClassCourse>findByIdOptional(courseId).filter(c -> c.communityId.equals(communityId))
                .orElseThrow(() -> new NotFoundProblem("No class " + courseId + " in community " + communityId));
    }

    /** Sessions of a class, soonest first; upcoming ones only unless asked for all. */
    public List<ClassSession> sessions(String communityId, UUID courseId, boolean all) {
        course(communityId, courseId);
        return all ? ClassSession.list("courseId = ?1 order by startsAt", courseId)
                : ClassSession.list("courseId = ?1 and startsAt >= ?2 order by startsAt", courseId, OffsetDateTime.now(clock));
    }

    public record CreditsBought(UUID postingId, UUID volunteerId, long minutesSpent, long credits, long minutesLeft,
            long creditsHeld) {
    }

    /** Turns confirmed service minutes into class credits at the community's rate. */
    public CreditsBought buyCredits(String communityId, UUID requestedVolunteer, int credits) {
        UUID volunteerId = scope.actingVolunteer(communityId, requestedVolunteer);
        Volunteer volunteer = volunteers.enrolled(communityId, volunteerId);
        int minutes = CommunityPolicy.of(communityId).minutesPerClass * credits;
        Accounts accounts = ledger.accounts(communityId, volunteerId);
        LedgerAccount minutesWallet = accounts.get(AccountKind.TIME_WALLET);
        LedgerAccount classWallet = accounts.get(AccountKind.CLASS_WALLET);
        Posted posted = ledger.post(PostingRequest.classCredits(accounts, minutes, credits, scope.actor()));
        outbox.publish(PointsEvents.wallet(PointsEvents.CLASS_CREDITS_BOUGHT, communityId, volunteerId,
                new PointsEvents.ClassCreditsBought(posted.posting().id, communityId, volunteer.districtId, volunteerId, minutes,
                        credits, posted.posting().createdAt)));
        return new CreditsBought(posted.posting().id, volunteerId, minutes, credits, posted.balanceAfter(minutesWallet.id),
                posted.balanceAfter(classWallet.id));
    }

    /** Takes a seat and one class credit, together. */
    public ClassBooking book(String communityId, UUID sessionId, UUID requestedVolunteer) {
        UUID volunteerId = scope.actingVolunteer(communityId, requestedVolunteer);
        Volunteer volunteer = volunteers.enrolled(communityId, volunteerId);
        ClassSession session = ClassSession.<ClassSession>findByIdOptional(sessionId, LockModeType.PESSIMISTIC_WRITE)
                .filter(s -> s.communityId.equals(communityId))
                .orElseThrow(() -> new NotFoundProblem("No class session " + sessionId + " in community " + communityId));
        if (!session.startsAt.isAfter(OffsetDateTime.now(clock))) {
            throw new ConflictProblem("That session has already started");
        }
        if (ClassBooking.count("sessionId = ?1 and volunteerId = ?2 and status = ?3", sessionId, volunteerId,
                BookingStatus.BOOKED) > 0) {
            throw new ConflictProblem("Volunteer " + volunteerId + " already has a seat in this session");
        }
        if (session.seatsTaken >= session.seats) {
            throw new ConflictProblem("The session is full (" + session.seats + " seats)");
        }
        ClassBooking booking = new ClassBooking();
        booking.id = UUID.randomUUID();
        Accounts accounts = ledger.accounts(communityId, volunteerId);
        Posted posted = ledger.post(PostingRequest.classBooking(accounts, booking.id, scope.actor()));
        session.seatsTaken += 1;
        booking.sessionId = sessionId;
        booking.communityId = communityId;
        booking.volunteerId = volunteerId;
        booking.status = BookingStatus.BOOKED;
        booking.bookedAt = OffsetDateTime.now(clock);
        booking.bookedBy = scope.actor();
        booking.postingId = posted.posting().id;
        booking.persist();
        outbox.publish(PointsEvents.wallet(PointsEvents.CLASS_BOOKED, communityId, volunteerId,
                new PointsEvents.ClassBooking(booking.id, sessionId, session.courseId, communityId, volunteer.districtId,
                        volunteerId, 1, session.startsAt, booking.bookedAt)));
        return booking;
    }

    /** Gives back the seat and the credit (before the session starts). */
    public ClassBooking cancel(String communityId, UUID bookingId) {
        ClassBooking booking = ClassBooking.<ClassBooking>findByIdOptional(bookingId)
                .filter(b -> b.communityId.equals(communityId))
                .orElseThrow(() -> new NotFoundProblem("No booking " + bookingId + " in your scope"));
        boolean self = scope.selfVolunteer(communityId).filter(booking.volunteerId::equals).isPresent();
        if (!self && !scope.manages(communityId)) {
            throw new NotFoundProblem("No booking " + bookingId + " in your scope");
        }
        ClassSession session = ClassSession.findById(booking.sessionId, LockModeType.PESSIMISTIC_WRITE);
        em.refresh(booking, LockModeType.PESSIMISTIC_WRITE);
        if (booking.status == BookingStatus.CANCELLED) {
            return booking;
        }
        if (!session.startsAt.isAfter(OffsetDateTime.now(clock))) {
            throw new ConflictProblem("The session has started; the seat can no longer be given back");
        }
        Posted reversal = ledger.reverse(Posting.findById(booking.postingId), "booking cancelled", scope.actor());
        session.seatsTaken -= 1;
        booking.status = BookingStatus.CANCELLED;
        booking.cancelledAt = OffsetDateTime.now(clock);
        booking.reversalPostingId = reversal.posting().id;
        Volunteer volunteer = Volunteer.findById(booking.volunteerId);
        outbox.publish(PointsEvents.wallet(PointsEvents.CLASS_BOOKING_CANCELLED, communityId, booking.volunteerId,
                new PointsEvents.ClassBooking(booking.id, session.id, session.courseId, communityId,
                        volunteer == null ? null : volunteer.districtId, booking.volunteerId, 1, session.startsAt,
                        booking.cancelledAt)));
        return booking;
    }

    public List<ClassBooking> bookings(String communityId, UUID sessionId) {
        scope.requireParticipant(communityId);
        ClassSession.<ClassSession>findByIdOptional(sessionId).filter(s -> s.communityId.equals(communityId))
                .orElseThrow(() -> new NotFoundProblem("No class session " + sessionId + " in community " + communityId));
        Optional<UUID> self = scope.selfVolunteer(communityId);
        if (!scope.manages(communityId) && !scope.readsCommunity(communityId)) {
            return ClassBooking.list("sessionId = ?1 and volunteerId = ?2 order by bookedAt", sessionId, self.orElseThrow());
        }
        return ClassBooking.list("sessionId = ?1 order by bookedAt", sessionId);
    }
}
