"""One router per resource; the app includes every router listed here."""

from fastapi import APIRouter

from . import sparql

ROUTERS: list[APIRouter] = [sparql.router]
