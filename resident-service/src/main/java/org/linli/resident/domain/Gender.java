package org.linli.resident.domain;

public enum Gender {
    FEMALE, MALE
}
