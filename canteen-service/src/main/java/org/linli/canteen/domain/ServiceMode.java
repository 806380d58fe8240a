package org.linli.canteen.domain;

/** How the elder gets the meal: at the counter, or brought to the door. */
public enum ServiceMode {
    DINE_IN, DELIVERY
}
