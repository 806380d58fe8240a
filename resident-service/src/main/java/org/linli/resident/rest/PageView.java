package org.linli.resident.rest;

import java.util.List;

/** One page of a list: the items, which page, its size, and how many there are in all. */
public record PageView<T>(List<T> items, int page, int size, long total) {
}
