package org.linli.canteen.domain;

public enum Meal {
    LUNCH, DINNER
}
