package org.linli.platform.operations;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One thing an operator did to the plumbing, with their reason: ids and types only, never an event's data. */
@Entity
@Table(name = "operator_action")
public class OperatorAction extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(nullable = false)
    public OffsetDateTime at;

    @Column(nullable = false)
    public String operator;

    @Column(nullable = false)
    public String action;

    @Column(nullable = false)
    public String target;

    public String detail;

    @Column(nullable = false)
    public String reason;

    public static OperatorAction record(OffsetDateTime at, String operator, String action, String target, String detail,
            String reason) {
        OperatorAction a = new OperatorAction();
        a.id = UUID.randomUUID();
        a.at = at;
        a.operator = operator;
        a.action = action;
        a.target = target;
        a.detail = detail;
        a.reason = reason;
        a.persist();
        return a;
    }
}
