package org.linli.canteen.domain;

/** How the elder's part is paid: from the prepaid meal account at ordering, or in cash at the counter or the door. */
public enum Payment {
    ACCOUNT, CASH
}
