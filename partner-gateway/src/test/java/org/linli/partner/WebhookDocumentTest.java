package org.linli.partner;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.linli.partner.service.WebhookCatalogue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The webhooks' AsyncAPI document (META-INF/asyncapi-webhooks.yaml, served at /partners/webhooks/asyncapi.yaml) tells
 * the truth about WebhookCatalogue: the same event types, and for each exactly the fields the catalogue lets through
 * (nested ones too: a sample built from the document's schema goes through the catalogue and must come out with the
 * document's fields, no more, no fewer), the three Standard Webhooks headers and the envelope the gateway writes.
 * A type added to the catalogue without its message here fails this test.
 */
@QuarkusTest
class WebhookDocumentTest {

    private static final String DOCUMENT = "/META-INF/asyncapi-webhooks.yaml";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    @Test
    void theGatewayServesTheDocumentWithoutAToken() throws IOException {
        String served = given().when().get("/partners/webhooks/asyncapi.yaml")
                .then().statusCode(200).contentType(org.hamcrest.Matchers.startsWith("application/yaml")).extract().asString();
        assertEquals(text(), served);
        assertTrue(served.startsWith("asyncapi: 3.0.0"));
    }

    @Test
    void everyCatalogueTypeIsAMessageAndEveryMessageACatalogueType() throws IOException {
        JsonNode document = document();
        Map<String, JsonNode> documented = messagesByType(document);
        assertEquals(new TreeSet<>(WebhookCatalogue.types()), new TreeSet<>(documented.keySet()),
                "event types in " + DOCUMENT + " vs WebhookCatalogue");
        JsonNode channel = document.at("/channels/partnerEndpoint/messages");
        JsonNode operation = document.at("/operations/sendWebhook/messages");
        assertEquals(documented.size(), channel.size(), "every message is on the partner's endpoint channel");
        assertEquals(documented.size(), operation.size(), "and sent by the sendWebhook operation");
        Set<String> referenced = new LinkedHashSet<>();
        channel.forEach(m -> referenced.add(m.path("$ref").asText()));
        for (String type : documented.keySet()) {
            assertTrue(referenced.stream().anyMatch(ref -> resolve(document, ref).path("name").asText().equals(type)),
                    type + " is listed on the channel");
        }
    }

    @Test
    void eachTypeCarriesExactlyTheDocumentedFields() throws IOException {
        JsonNode document = document();
        Map<String, JsonNode> documented = messagesByType(document);
        List<String> disagreements = new ArrayList<>();
        for (WebhookCatalogue.EventType entry : WebhookCatalogue.entries()) {
            JsonNode message = documented.get(entry.type());
            if (message == null) {
                continue; // reported by the test above
            }
            JsonNode data = resolve(document, dataSchema(message).path("$ref").asText(null), dataSchema(message));
            Set<String> schemaFields = new TreeSet<>(names(data.path("properties")));
            if (!schemaFields.equals(new TreeSet<>(entry.fields()))) {
                disagreements.add(entry.type() + ": document " + schemaFields + ", catalogue " + new TreeSet<>(entry.fields()));
                continue;
            }
            assertTrue(schemaFields.containsAll(names(data.path("required"))), entry.type() + ": required fields are fields");
            // a sample with every documented field (nested too) and some the document does not name goes through the
            // catalogue: what comes out must be the documented shape exactly
            ObjectNode sample = (ObjectNode) sample(document, data);
            sample.put("residentId", "00000000-0000-0000-0000-000000000001");
            sample.put("name", "张秀英");
            Optional<ObjectNode> sent = WebhookCatalogue.partnerData(entry.type(), sample);
            if (sent.isEmpty()) {
                disagreements.add(entry.type() + ": the catalogue lets no event with the documented values through");
                continue;
            }
            compare(document, entry.type(), "data", data, sent.get(), disagreements);
        }
        assertTrue(disagreements.isEmpty(), DOCUMENT + " disagrees with WebhookCatalogue:\n" + String.join("\n", disagreements));
    }

    @Test
    void theHeadersAreStandardWebhooksAndTheEnvelopeIsWhatTheGatewayWrites() throws IOException {
        JsonNode document = document();
        JsonNode headers = document.at("/components/schemas/StandardWebhookHeaders");
        for (String header : List.of("webhook-id", "webhook-timestamp", "webhook-signature")) {
            assertTrue(headers.path("properties").has(header), header);
            assertTrue(names(headers.path("required")).contains(header), header + " is required");
        }
        JsonNode envelope = document.at("/components/schemas/Envelope");
        // Fanout's body: type, timestamp, eventId, communityId, data (WebhookDeliveryTest checks a delivered one)
        assertEquals(Set.of("type", "timestamp", "eventId", "communityId", "data"), Set.copyOf(names(envelope.path("properties"))));
        for (JsonNode message : messagesByType(document).values()) {
            assertEquals("#/components/schemas/StandardWebhookHeaders", message.at("/headers/$ref").asText(), message.path("name").asText());
            assertEquals("#/components/schemas/Envelope", message.at("/payload/allOf/0/$ref").asText(), message.path("name").asText());
            assertEquals(message.path("name").asText(), message.at("/payload/allOf/1/properties/type/const").asText(),
                    "the payload's type is the message's name");
        }
    }

    /** The documented shape against what the catalogue produced, recursively. */
    private static void compare(JsonNode document, String type, String path, JsonNode schema, JsonNode produced,
            List<String> disagreements) {
        schema = resolve(document, schema.path("$ref").asText(null), schema);
        if (!schema.has("properties")) {
            return;
        }
        if (!produced.isObject()) {
            disagreements.add(type + ": " + path + " is documented as an object but the catalogue sends " + produced);
            return;
        }
        Set<String> documented = new TreeSet<>(names(schema.path("properties")));
        Set<String> sent = new TreeSet<>();
        produced.fieldNames().forEachRemaining(sent::add);
        if (!documented.equals(sent)) {
            disagreements.add(type + ": " + path + " documented " + documented + ", sent " + sent);
            return;
        }
        for (String field : documented) {
            JsonNode value = produced.get(field);
            JsonNode fieldSchema = resolve(document, schema.path("properties").path(field).path("$ref").asText(null),
                    schema.path("properties").path(field));
            if (value.isNull()) {
                disagreements.add(type + ": " + path + "." + field + " is documented but the catalogue drops its value");
            } else if (value.isArray() && fieldSchema.has("items")) {
                for (JsonNode item : value) {
                    compare(document, type, path + "." + field + "[]", fieldSchema.path("items"), item, disagreements);
                }
            } else {
                compare(document, type, path + "." + field, fieldSchema, value, disagreements);
            }
        }
    }

    /** A value matching the schema: the first enum value, a string, a number, an object or array of them. */
    private static JsonNode sample(JsonNode document, JsonNode schema) {
        schema = resolve(document, schema.path("$ref").asText(null), schema);
        if (schema.has("const")) {
            return schema.get("const");
        }
        if (schema.has("enum")) {
            return schema.get("enum").get(0);
        }
        String type = schema.path("type").isArray() ? schema.path("type").get(0).asText() : schema.path("type").asText();
        switch (type) {
            case "object": {
                ObjectNode object = JSON.objectNode();
                Iterator<Map.Entry<String, JsonNode>> fields = schema.path("properties").fields();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    object.set(field.getKey(), sample(document, field.getValue()));
                }
                return object;
            }
            case "array": {
                ArrayNode array = JSON.arrayNode();
                array.add(sample(document, schema.path("items")));
                return array;
            }
            case "integer":
            case "number":
                return JSON.numberNode(7);
            case "boolean":
                return JSON.booleanNode(true);
            default:
                return JSON.textNode("2026-12-01T02:00:00Z");
        }
    }

    private static JsonNode dataSchema(JsonNode message) {
        return message.at("/payload/allOf/1/properties/data");
    }

    private static Map<String, JsonNode> messagesByType(JsonNode document) {
        Map<String, JsonNode> messages = new LinkedHashMap<>();
        document.at("/components/messages").forEach(m -> messages.put(m.path("name").asText(), m));
        return messages;
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(n -> names.add(n.asText()));
        } else {
            node.fieldNames().forEachRemaining(names::add);
        }
        return names;
    }

    private static JsonNode resolve(JsonNode document, String ref) {
        return document.at(ref.substring(1));
    }

    private static JsonNode resolve(JsonNode document, String ref, JsonNode otherwise) {
        return ref == null ? otherwise : resolve(document, ref);
    }

    private static String text() throws IOException {
        try (InputStream in = WebhookDocumentTest.class.getResourceAsStream(DOCUMENT)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static JsonNode document() throws IOException {
        return new YAMLMapper().readTree(text());
    }
}
