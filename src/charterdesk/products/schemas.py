from datetime import date

from ninja import Field, Schema

from charterdesk.core.validators import Id


class VersionOut(Schema):
    id: int
    version: str
    released_on: date
    end_of_support: date | None


class ProductOut(Schema):
    id: int
    name: str
    slug: str
    description: str
    active: bool
    versions: list[VersionOut] = Field(description="Oldest release first.")


class ProductIn(Schema):
    name: str = Field(max_length=100)
    slug: str = Field("", max_length=100, description="Made from the name when left out.")
    description: str = Field("", max_length=5000)
    active: bool = True


class ProductPatch(Schema):
    name: str | None = Field(None, max_length=100)
    slug: str | None = Field(None, max_length=100)
    description: str | None = Field(None, max_length=5000)
    active: bool | None = None


class VersionIn(Schema):
    version: str = Field(max_length=40)
    released_on: date
    end_of_support: date | None = None


class ProductRef(Schema):
    id: int
    name: str
    slug: str
    active: bool = Field(description="False: retired; it stays where it was named.")


class ProductUseOut(ProductRef):
    since: date = Field(description="The day the organization started using it.")


class ProductIds(Schema):
    product_ids: list[Id] = Field(max_length=100, description="Catalogue product ids.")
