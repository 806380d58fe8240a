package org.linli.stack;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import org.linli.infra.DevTokens;

/**
 * The whole system with Changshan Garden's story set up, for the browser tests: the packaged services and the app, the
 * community's tree and people, its gifts, class and menus, and the tokens of its community worker and canteen staff.
 */
final class ChangshanGarden implements AutoCloseable {

    static final String COMMUNITY = CommunityGenerator.COMMUNITY;
    static final Duration PATIENCE = Duration.ofSeconds(30);

    final LinliStack stack;
    final URI app;
    final ServiceApi residents;
    final ServiceApi points;
    final ServiceApi canteen;
    final CommunityGenerator.Layout layout;
    final CommunityGenerator.Story story;
    final String worker;
    final String staff;

    private ChangshanGarden(String logs) {
        Path home = LinliStack.home();
        stack = LinliStack.start(home, 0, home.resolve("linli-stack/target/" + logs));
        app = stack.service(LinliStack.APP).baseUri();
        residents = new ServiceApi(stack.service("resident-service").baseUri());
        points = new ServiceApi(stack.service("points-service").baseUri());
        canteen = new ServiceApi(stack.service("canteen-service").baseUri());
        URI residentService = stack.service("resident-service").baseUri();
        CommunityGenerator generator = new CommunityGenerator(residentService, 0, CommunityGenerator.newIdSequence());
        layout = generator.tree(CommunityGenerator.subdistrict(residentService));
        story = generator.story(layout);
        new CommunityLife(stack.service("points-service").baseUri(), stack.service("canteen-service").baseUri(), COMMUNITY)
                .seed(story).forEach(line -> System.out.println("  " + line));
        worker = CommunityGenerator.worker(COMMUNITY);
        staff = DevTokens.as("canteen-staff").community(COMMUNITY).subject("canteen-staff-liu").mint();
        for (String elder : java.util.List.of(story.msZhao(), story.mrSun())) { // the canteen knows its diners
            canteen.await(staff, "/communities/" + COMMUNITY + "/diners/" + elder, PATIENCE,
                    d -> d.path("mayHaveDelivery").asBoolean());
        }
        points.await(worker, "/communities/" + COMMUNITY + "/volunteers/" + story.mrLi() + "/wallet", PATIENCE, w -> true);
    }

    /** Starts it (logs in linli-stack/target/{logs}); skips the calling tests where there is no browser. */
    static ChangshanGarden start(String logs) {
        PhoneBrowser.assumePresent();
        return new ChangshanGarden(logs);
    }

    @Override
    public void close() {
        stack.close();
    }
}
