from django.contrib import admin

from .models import Product, ProductUse, ProductVersion


class VersionInline(admin.TabularInline):
    model = ProductVersion
    extra = 0


@admin.register(Product)
class ProductAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "active")
    search_fields = ("name", "slug")
    inlines = [VersionInline]


@admin.register(ProductUse)
class ProductUseAdmin(admin.ModelAdmin):
    list_display = ("organization", "product", "since")
    list_filter = ("product",)
    autocomplete_fields = ("product",)
    raw_id_fields = ("organization",)
