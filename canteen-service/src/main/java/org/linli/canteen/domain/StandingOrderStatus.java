package org.linli.canteen.domain;

public enum StandingOrderStatus {
    ACTIVE, CANCELLED
}
