from datetime import date

from ninja import Field, Schema


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
