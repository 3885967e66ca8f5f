"""One router per resource; the app includes every router listed here."""

from fastapi import APIRouter

ROUTERS: list[APIRouter] = []
