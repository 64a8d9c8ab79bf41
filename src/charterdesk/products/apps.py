from django.apps import AppConfig


class ProductsConfig(AppConfig):
    """The product catalogue: the products customers use and their versions, named by
    tickets, routing rules, article audiences and learning paths."""

    name = "charterdesk.products"
    label = "products"
