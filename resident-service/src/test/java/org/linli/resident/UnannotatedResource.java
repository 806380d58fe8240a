package org.linli.resident;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** A test-only endpoint someone forgot to secure: the platform must deny it to everybody. */
@Path("/test-only/forgotten")
public class UnannotatedResource {

    @GET
    public String forgotten() {
        return "this must never be served";
    }
}
