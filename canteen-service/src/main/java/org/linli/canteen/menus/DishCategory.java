package org.linli.canteen.menus;

public enum DishCategory {
    MEAT, VEGETABLE, STAPLE, SOUP, PICKLES, FRUIT
}
