package org.linli.canteen.menus;

public enum MenuStatus {
    DRAFT, PUBLISHED
}
