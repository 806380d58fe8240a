package org.linli.resident.notification;

import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * How one person (an emergency contact, a grid head, a community's duty desk) wants to be reached beyond the phone the
 * registry keeps: their WeChat openid and e-mail address, the channels they prefer in order, their language. Addresses
 * are encrypted at rest.
 */
@Entity
@Table(name = "notice_recipient")
public class NoticeRecipient extends PanacheEntityBase {

    @Embeddable
    public static class Key implements Serializable {
        @Column(name = "recipient_kind", nullable = false)
        public String kind;

        @Column(name = "recipient_ref", nullable = false)
        public String ref;

        public Key() {
        }

        public Key(String kind, String ref) {
            this.kind = kind;
            this.ref = ref;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(kind, key.kind) && Objects.equals(ref, key.ref);
        }

        @Override
        public int hashCode() {
            return Objects.hash(kind, ref);
        }
    }

    @EmbeddedId
    public Key key;

    /** zh or en. */
    @Column(nullable = false)
    public String language = "zh";

    /** Comma-separated channel names in the order the person prefers; null for the deployment's order. */
    public String channels;

    @Column(name = "phone_cipher")
    public byte[] phoneCipher;

    @Column(name = "email_cipher")
    public byte[] emailCipher;

    @Column(name = "wechat_openid_cipher")
    public byte[] wechatOpenIdCipher;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    static NoticeRecipient of(String kind, String ref) {
        return findById(new Key(kind, ref));
    }
}
