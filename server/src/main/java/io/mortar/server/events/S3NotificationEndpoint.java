package io.mortar.server.events;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.mortar.model.GlueJson;
import io.mortar.server.protocol.GlueJsonProtocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /events/s3}: where S3-compatible stores send bucket notifications (AWS S3 through an SNS HTTP
 * subscription, MinIO's webhook, Ceph RGW's HTTP push endpoint). Answers 200 with how many events each trigger accepted; a body that is not
 * such a notification is an InvalidInputException (400), rendered by the server's one exception handler.
 */
public final class S3NotificationEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(S3NotificationEndpoint.class);
    private final EventIntake intake;

    public S3NotificationEndpoint(EventIntake intake) {
        this.intake = requireNonNull(intake, "intake");
    }

    public void handle(Context ctx) {
        byte[] body = ctx.attribute(GlueJsonProtocol.BODY_ATTRIBUTE) instanceof byte[] read ? read
                : ctx.bodyAsBytes();
        S3Notification notification = S3Notification.parse(body);
        if (notification.subscribeUrl() != null) {
            // Confirming means calling a URL the request names: an operator does that, not a request to Mortar.
            LOG.warn("An SNS subscription asks to deliver S3 notifications to /events/s3; to confirm it, open {}",
                    notification.subscribeUrl());
        }
        EventIntake.Accepted accepted = intake.receive(notification);
        ObjectNode json = GlueJson.mapper().createObjectNode();
        json.put("records", accepted.records());
        json.put("ignored", accepted.ignored());
        json.put("accepted", accepted.accepted());
        ObjectNode triggers = json.putObject("triggers");
        accepted.triggers().forEach(triggers::put);
        ctx.contentType("application/json").result(json.toString());
    }
}
