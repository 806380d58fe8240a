package org.linli.canteen.orders;

public enum StandingOrderStatus {
    ACTIVE, CANCELLED
}
