package dev.authserver.example.orders;

/**
 * One order of a user.
 *
 * @param id its number
 * @param item what was ordered
 * @param quantity how many
 */
record Order(String id, String item, int quantity) {
}
