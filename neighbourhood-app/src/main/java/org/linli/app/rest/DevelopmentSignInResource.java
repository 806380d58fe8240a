package org.linli.app.rest;

import java.net.URI;

import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.linli.app.AppConfig;
import org.linli.app.session.DevelopmentSignIn;
import org.linli.app.session.SignedInUser;

/**
 * {@code /dev/sign-in}: the DEVELOPMENT sign-in page of the local run (no identity provider): it lists the sample
 * people of Changshan Garden and signs you in as one. It answers 404 unless {@code linli.app.development-sign-in.enabled}
 * (the local, dev and test profiles only).
 */
@Path("/dev/sign-in")
public class DevelopmentSignInResource {

    private final DevelopmentSignIn signIn;
    private final Cookies cookies;
    private final AppConfig config;

    DevelopmentSignInResource(DevelopmentSignIn signIn, Cookies cookies, AppConfig config) {
        this.signIn = signIn;
        this.cookies = cookies;
        this.config = config;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response page() {
        if (!signIn.enabled()) {
            return ProblemResponses.of(404, "Not found", "There is no development sign-in here.", "/dev/sign-in");
        }
        return html(200, null);
    }

    @POST
    @Produces(MediaType.TEXT_HTML)
    public Response signIn(@FormParam("person") String key) {
        if (!signIn.enabled()) {
            return ProblemResponses.of(404, "Not found", "There is no development sign-in here.", "/dev/sign-in");
        }
        AppConfig.SamplePerson person = key == null ? null : signIn.person(key).orElse(null);
        if (person == null) {
            return html(400, "请选择一个人 · Choose one of the people below.");
        }
        try {
            SignedInUser user = signIn.signIn(person);
            return Response.seeOther(URI.create("/")).cookie(cookies.session(user)).build();
        } catch (DevelopmentSignIn.NotYet e) {
            return html(409, "暂时无法登录 · Cannot sign in yet: " + escape(e.getMessage())
                    + ". (The run command registers the sample people a few seconds after start.)");
        }
    }

    private Response html(int status, String error) {
        StringBuilder people = new StringBuilder();
        for (AppConfig.SamplePerson p : config.developmentSignIn().people()) {
            people.append("<li><button type=\"submit\" name=\"person\" value=\"").append(escape(p.key()))
                    .append("\" data-testid=\"person-").append(escape(p.key())).append("\"><strong>").append(escape(p.name()))
                    .append("</strong><span>").append(escape(p.description())).append("</span></button></li>\n");
        }
        String page = """
                <!doctype html>
                <html lang="zh-CN"><head><meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>开发登录 · Development sign-in — 邻里</title>
                <style>
                  body{font:18px/1.5 system-ui,"Noto Sans CJK SC",sans-serif;margin:0;background:#fff8f0;color:#1f1f1f}
                  .dev{background:#7a4b00;color:#fff;padding:12px 16px;font-weight:700}
                  main{max-width:560px;margin:0 auto;padding:16px}
                  h1{font-size:26px;margin:8px 0}
                  ul{list-style:none;padding:0;margin:0}
                  li{margin:12px 0}
                  button{width:100%%;min-height:64px;text-align:left;font:inherit;padding:12px 16px;border:2px solid #8a1c1c;
                    border-radius:12px;background:#fff;color:#1f1f1f;cursor:pointer}
                  button:focus-visible{outline:4px solid #1a56db;outline-offset:2px}
                  button strong{display:block;font-size:22px}
                  button span{color:#444}
                  .error{background:#fde8e8;border:2px solid #9b1c1c;padding:12px;border-radius:8px}
                </style></head>
                <body>
                <div class="dev" role="note">开发环境 · DEVELOPMENT ONLY — 此页面仅用于本地运行，生产环境使用统一身份认证。
                This page exists only in the local run; production signs in through the identity provider.</div>
                <main>
                <h1>选择登录身份 · Sign in as</h1>
                <p>长山花园社区的示例人物 · Sample people of Changshan Garden</p>
                %s
                <form method="post" action="/dev/sign-in"><ul>
                %s</ul></form>
                </main></body></html>
                """.formatted(error == null ? "" : "<p class=\"error\" role=\"alert\" data-testid=\"error\">" + error + "</p>",
                people);
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(page)
                .header("Cache-Control", "no-store").build();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
