package org.linli.canteen.domain;

public enum MenuStatus {
    DRAFT, PUBLISHED
}
