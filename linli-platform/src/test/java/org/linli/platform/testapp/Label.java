package org.linli.platform.testapp;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A name the database keeps unique (its primary key): a second one breaks an integrity rule. */
@Entity
@Table(name = "label")
public class Label extends PanacheEntityBase {

    @Id
    public String name;
}
