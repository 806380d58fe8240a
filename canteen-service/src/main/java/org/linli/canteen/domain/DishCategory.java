package org.linli.canteen.domain;

public enum DishCategory {
    MEAT, VEGETABLE, STAPLE, SOUP, PICKLES, FRUIT
}
