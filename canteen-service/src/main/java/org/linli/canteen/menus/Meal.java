package org.linli.canteen.menus;

public enum Meal {
    LUNCH, DINNER
}
